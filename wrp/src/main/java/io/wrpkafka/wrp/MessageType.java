package io.wrpkafka.wrp;

/** The WRP message types with their wire codes ({@code msg_type}). */
public enum MessageType {
  AUTHORIZATION(2),
  SIMPLE_REQUEST_RESPONSE(3),
  SIMPLE_EVENT(4),
  CREATE(5),
  RETRIEVE(6),
  UPDATE(7),
  DELETE(8),
  SERVICE_REGISTRATION(9),
  SERVICE_ALIVE(10),
  UNKNOWN(11);

  private static final MessageType[] BY_CODE = new MessageType[12];

  static {
    for (MessageType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  /** The wire code written as {@code msg_type}. */
  public int code() {
    return code;
  }

  /**
   * Returns the type with the given wire code. Allocates nothing.
   *
   * @throws WrpFormatException if no type has that code (valid codes are 2 to 11)
   */
  public static MessageType fromCode(long code) {
    if (code < 0 || code >= BY_CODE.length || BY_CODE[(int) code] == null) {
      throw new WrpFormatException("msg_type: unknown code " + code + " (expected 2 to 11)");
    }
    return BY_CODE[(int) code];
  }
}
