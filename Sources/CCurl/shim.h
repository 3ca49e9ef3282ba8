#ifndef STEPWISE_CCURL_SHIM_H
#define STEPWISE_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call.
// Each option kind gets a typed static inline wrapper.

static inline CURLcode stepwise_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode stepwise_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode stepwise_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode stepwise_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode stepwise_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode stepwise_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// For CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION (both take a curl_write_callback).
static inline CURLcode stepwise_curl_easy_setopt_write_callback(
    CURL *handle, CURLoption option, curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLMcode stepwise_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

/// curl_global_init(CURL_GLOBAL_ALL): the flag is a macro Swift does not import.
static inline CURLcode stepwise_curl_global_init_all(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

/// Whether a message from curl_multi_info_read says a transfer is done.
static inline int stepwise_curl_msg_is_done(const CURLMsg *message) {
    return message->msg == CURLMSG_DONE;
}

/// The result code of a CURLMSG_DONE message (a member of a union, awkward from Swift).
static inline CURLcode stepwise_curl_msg_result(const CURLMsg *message) {
    return message->data.result;
}

/// The easy handle a message is about.
static inline CURL *stepwise_curl_msg_easy_handle(const CURLMsg *message) {
    return message->easy_handle;
}

/// CURL_ERROR_SIZE, the size CURLOPT_ERRORBUFFER needs.
static inline long stepwise_curl_error_size(void) {
    return CURL_ERROR_SIZE;
}

#endif
