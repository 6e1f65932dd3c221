package dev.orgql.graphql;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.GenericFutureListener;

/**
 * Runs an action when the client's connection closes before its request is answered. Micronaut does not
 * cancel a request's response publisher when its client goes away (micronaut-core#8140), so the
 * request's upstream calls would go on until the deadline, holding pooled connections no one waits for;
 * the connection's own close event is what says the client left.
 */
final class ClientDisconnect {
    private ClientDisconnect() {}

    /** @return what stops listening, to run when the request ends */
    static Runnable onClose(HttpRequest<?> request, Runnable action) {
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return () -> {};
        }
        ChannelFuture closed = netty.getChannelHandlerContext().channel().closeFuture();
        GenericFutureListener<ChannelFuture> listener = future -> action.run();
        closed.addListener(listener);
        return () -> closed.removeListener(listener);
    }
}
