/// The JavaScript each context runs once, after Lodash: `console` that captures lines, and a frozen global
/// environment so that nothing one evaluation does to globals or built-in prototypes reaches the next.
enum JavaScriptPrelude {
    /// The name of the hidden global function that returns (and clears) the captured lines, or `null`.
    static let takeLogs = "__stepwiseTakeLogs"

    /// The prelude's source; `maxLogLines` bounds the lines kept per evaluation.
    static func source(maxLogLines: Int) -> String {
        """
        (function (global) {
            'use strict';
            if (typeof global._ !== 'function') { throw new Error('Lodash did not load'); }
            const logs = [];
            const format = (value) => {
                if (typeof value === 'string') { return value; }
                try {
                    const text = JSON.stringify(value);
                    return text === undefined ? String(value) : text;
                } catch (error) {
                    return String(value);
                }
            };
            const log = (...values) => {
                if (logs.length < \(maxLogLines)) { logs.push(values.map(format).join(' ')); }
            };
            const console = Object.freeze({ log, info: log, warn: log, error: log, debug: log });
            Object.defineProperty(global, 'console', { value: console, writable: false, configurable: false });
            Object.defineProperty(global, '\(takeLogs)', {
                value: () => (logs.length === 0 ? null : logs.splice(0, logs.length)),
                writable: false, configurable: false, enumerable: false,
            });
            const builtins = [
                'Object', 'Array', 'String', 'Number', 'Boolean', 'Function', 'Date', 'RegExp', 'Map', 'Set',
                'WeakMap', 'WeakSet', 'Promise', 'Symbol', 'Error', 'TypeError', 'RangeError', 'SyntaxError',
                'ReferenceError', 'JSON', 'Math', 'Reflect', 'ArrayBuffer', 'Uint8Array', 'BigInt', 'Intl',
            ];
            for (const name of builtins) {
                const value = global[name];
                if (value === undefined) { continue; }
                Object.freeze(value);
                if (value.prototype) { Object.freeze(value.prototype); }
            }
            Object.freeze(global._);
            Object.freeze(global);
        })(this);
        """
    }
}
