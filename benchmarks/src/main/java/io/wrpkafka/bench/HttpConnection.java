package io.wrpkafka.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/*
 * Why not java.net.http.HttpClient: on a two-core machine the load generator shares the CPU with
 * the bridge and the broker, and the JDK client's per-request machinery (futures, executors,
 * header maps) costs more than the bridge's own work. This is one blocking keep-alive socket
 * sending requests prepared as bytes and reading just enough of each answer (status line,
 * Content-Length or chunked body) to find where it ends.
 */
/** A blocking HTTP/1.1 keep-alive connection for a load generator. Not thread-safe. */
final class HttpConnection implements AutoCloseable {
  private static final int MAX_LINE = 8192;

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final StringBuilder line = new StringBuilder(128);

  HttpConnection(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** A complete request: request line, Host, the given headers, Content-Length and body. */
  static byte[] request(String method, String path, String host, int port, String headers,
      byte[] body) {
    String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
        + headers + "Content-Length: " + body.length + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  /**
   * Sends {@code request} and reads the whole answer; connects first if needed, and again after
   * the server closed the connection.
   *
   * @return the answer's status code
   * @throws IOException if the connection fails or the answer is not HTTP/1.1
   */
  int exchange(byte[] request) throws IOException {
    if (socket == null) {
      connect();
    }
    out.write(request);
    out.flush();
    String status = readLine();
    if (!status.startsWith("HTTP/1.") || status.length() < 12) {
      throw new IOException("not an HTTP/1.x status line: \"" + status + "\"");
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String header = readLine(); !header.isEmpty(); header = readLine()) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> close = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(readLine().split(";")[0].trim(), 16); size > 0;
          size = Long.parseLong(readLine().split(";")[0].trim(), 16)) {
        skip(size);
        readLine();
      }
      for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
        // trailers are ignored
      }
    } else if (length > 0) {
      skip(length);
    }
    if (close) {
      close();
    }
    return code;
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 10_000);
    socket.setSoTimeout(60_000);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
  }

  private String readLine() throws IOException {
    line.setLength(0);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by " + host + ":" + port);
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("answer line longer than " + MAX_LINE + " bytes");
      }
      line.append((char) b);
    }
  }

  private void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("connection closed inside a body");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  /** Closes the socket; the next exchange connects again. */
  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a socket we are done with
      }
      socket = null;
    }
  }
}
