package dev.orgql.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an HTTP/1 connection whose client does not finish sending a request within the timeout: a
 * connection that sends nothing after opening, and a request whose headers or body come a byte at a
 * time. Netty's idle timers cannot see the second case, as every byte restarts them.
 *
 * <p>Two handlers share one timer: {@link #bytes()} sits before the HTTP codec and starts the timer
 * at the first byte of a request (the connection's opening counts as one); {@link #requests()} sits
 * after it and stops the timer when the request's last part is decoded. While the gateway works on a
 * request and while a kept-alive connection waits for its next one, no timer runs: the first is
 * bounded by the request's own timeouts, the second by {@code micronaut.server.idle-timeout}. Both
 * handlers run on the connection's event loop, so the state needs no locking.
 */
final class RequestReadTimeout {
    private static final Logger LOG = LoggerFactory.getLogger(RequestReadTimeout.class);

    private final long timeoutNanos;
    private ScheduledFuture<?> timer;
    private boolean receiving;

    RequestReadTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    ChannelInboundHandlerAdapter bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                // A new connection owes its first request.
                start(ctx);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!receiving) {
                    start(ctx);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                stop();
                ctx.fireChannelInactive();
            }
        };
    }

    ChannelInboundHandlerAdapter requests() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof LastHttpContent) {
                    stop();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void start(ChannelHandlerContext ctx) {
        stop();
        receiving = true;
        timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void stop() {
        receiving = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        if (!receiving || !ctx.channel().isActive()) {
            return;
        }
        timer = null;
        // Nothing is answered: the request is incomplete, and Micronaut may already be writing to the
        // connection (an early 413, say), so a 408 written here could interleave with its answer.
        LOG.debug(
                "Closed the connection from {}: no whole request within {} ms",
                ctx.channel().remoteAddress(),
                TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        ctx.channel().close();
    }
}
