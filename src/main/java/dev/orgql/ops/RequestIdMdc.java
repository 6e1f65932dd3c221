package dev.orgql.ops;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

/**
 * The request id in the MDC of every thread while it works for the request, as Micronaut's
 * {@code MdcPropagationContext} would do, but for the one key the gateway sets: that one copies the whole
 * MDC map twice at each of the dozens of thread hops of a request, which made it a top allocation of a
 * dashboard. Restores whatever id the thread had before (none, on a pooled thread).
 */
record RequestIdMdc(String id) implements ThreadPropagatedContextElement<String> {
    @Override
    public String updateThreadContext() {
        String before = MDC.get(RequestLog.MDC_KEY);
        MDC.put(RequestLog.MDC_KEY, id);
        return before;
    }

    @Override
    public void restoreThreadContext(String before) {
        if (before == null) {
            MDC.remove(RequestLog.MDC_KEY);
        } else {
            MDC.put(RequestLog.MDC_KEY, before);
        }
    }
}
