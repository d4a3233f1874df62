/**
 * The WRP (Web Routing Protocol) message model and its wire formats.
 *
 * <p>{@link io.wrpkafka.wrp.Message} is the immutable message; {@link io.wrpkafka.wrp.Format}
 * encodes and decodes it as wrp-go compatible msgpack or JSON; {@link io.wrpkafka.wrp.DeviceId}
 * and {@link io.wrpkafka.wrp.Locator} parse the identifiers found in its {@code source} and
 * {@code dest}. Every rejection of bad input is a {@link io.wrpkafka.wrp.WrpFormatException}.
 */
package io.wrpkafka.wrp;
