package io.wrpkafka.wrp;

/**
 * Thrown when bytes or text are not a valid WRP message, device id or locator.
 *
 * <p>The message names what was wrong and where, for example
 * {@code metadata["fw"]: expected str, found int at offset 57}. It never contains the payload.
 * This is the only exception {@link Format#decode(byte[])}, {@link DeviceId#parse(String)} and
 * {@link Locator#parse(String)} throw for bad input.
 */
public final class WrpFormatException extends IllegalArgumentException {

  /** Creates an exception with the given description of what and where. */
  public WrpFormatException(String message) {
    super(message);
  }

  /** Creates an exception with the given description and the lower-level cause. */
  public WrpFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
