#ifndef STEPWISE_CJAVASCRIPTCORE_SHIM_H
#define STEPWISE_CJAVASCRIPTCORE_SHIM_H

#include <JavaScriptCore/JavaScript.h>

// Exported by libjavascriptcoregtk-4.1 but declared only in WebKit's private JSContextRefPrivate.h and
// JSBasePrivate.h.

/// Called on the evaluating thread when a group's time limit is reached: return true to stop the script (it
/// ends with an uncatchable "JavaScript execution terminated." exception), false to let it go on. To be called
/// again, the callback must set a new limit with JSContextGroupSetExecutionTimeLimit.
typedef bool (*JSShouldTerminateCallback)(JSContextRef ctx, void *context);

/// Arms the group's watchdog: `limit` seconds of CPU time per entry into the VM.
void JSContextGroupSetExecutionTimeLimit(
    JSContextGroupRef group, double limit, JSShouldTerminateCallback callback, void *context);

/// Disarms the group's watchdog.
void JSContextGroupClearExecutionTimeLimit(JSContextGroupRef group);

/// An object with the VM's heap figures: heapSize, heapCapacity, extraMemorySize, objectCount, …
JSObjectRef JSGetMemoryUsageStatistics(JSContextRef ctx);

#endif
