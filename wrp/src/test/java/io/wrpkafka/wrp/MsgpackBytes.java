package io.wrpkafka.wrp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Assembles msgpack test input byte by byte, naming each wire format explicitly, so tests do not
 * depend on the encoder under test.
 */
final class MsgpackBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static MsgpackBytes of() {
    return new MsgpackBytes();
  }

  MsgpackBytes raw(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  MsgpackBytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  MsgpackBytes fixmap(int n) {
    return raw(0x80 | n);
  }

  MsgpackBytes map16(int n) {
    return raw(0xde, n >>> 8, n);
  }

  MsgpackBytes fixarray(int n) {
    return raw(0x90 | n);
  }

  MsgpackBytes nil() {
    return raw(0xc0);
  }

  /** A str in fixstr form (under 32 bytes) or str8 form. */
  MsgpackBytes str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length < 32) {
      raw(0xa0 | b.length);
    } else {
      raw(0xd9, b.length);
    }
    return raw(b);
  }

  MsgpackBytes str16(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return raw(0xda, b.length >>> 8, b.length).raw(b);
  }

  MsgpackBytes str32(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return raw(0xdb, 0, 0, b.length >>> 8, b.length).raw(b);
  }

  MsgpackBytes bin8(byte[] b) {
    return raw(0xc4, b.length).raw(b);
  }

  MsgpackBytes bin16(byte[] b) {
    return raw(0xc5, b.length >>> 8, b.length).raw(b);
  }

  MsgpackBytes bin32(byte[] b) {
    return raw(0xc6, 0, 0, b.length >>> 8, b.length).raw(b);
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
