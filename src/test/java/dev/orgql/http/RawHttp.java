package dev.orgql.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A client connection as a plain socket, for what an HTTP client library hides: sending nothing, sending
 * a request a byte at a time, and seeing the server close the connection.
 */
final class RawHttp implements AutoCloseable {
    /** How long a test waits for the server to act: far above every timeout the tests configure. */
    static final int PATIENCE_MS = 20_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(PATIENCE_MS);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawHttp open(URL server) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), PATIENCE_MS);
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A keep-alive GET; answers its status and body. */
    Reply get(String path) throws IOException {
        send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        return readReply();
    }

    /** One response with a Content-Length body (what every answer of the gateway has). */
    Reply readReply() throws IOException {
        String head = readHead();
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        int status = Integer.parseInt(head.substring(9, 12));
        return new Reply(status, head, new String(body, StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Closed after " + head.size() + " bytes of a response");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /**
     * Waits (at most {@link #PATIENCE_MS}) until the server closes the connection; answers what it sent
     * before, or null if it is still open then.
     */
    String awaitClosed() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                received.write(b);
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (SocketException e) {
            // Reset by the server: closed as well.
        }
        return received.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Reply(int status, String head, String body) {}
}
