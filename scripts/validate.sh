#!/usr/bin/env bash
# Formats the sources in place and fails if that changed anything (run before committing).
set -euo pipefail
cd "$(dirname "$0")/.."
swift format format --in-place --recursive Sources Tests Package.swift
git diff --exit-code -- Sources Tests Package.swift
