/**
 * The publisher's delivery mechanism. <strong>Not API</strong>: the public classes here are
 * public only so that {@code io.wrpkafka.Publisher} can use them; they change without notice.
 * Depend on {@code io.wrpkafka} and {@code io.wrpkafka.routing} only.
 *
 * <p>A record's way is a short chain of stages, one concept a file, wired by {@link
 * io.wrpkafka.internal.Pipeline}:
 *
 * <ol>
 *   <li>admit — {@link io.wrpkafka.internal.RecordBuffer}: the record and byte limits, by QoS;
 *   <li>(a durable store slots in here);
 *   <li>lane — {@link io.wrpkafka.internal.Lanes}, {@link io.wrpkafka.internal.Lane}: one serial
 *       sender per topic, so a caller never waits on the client;
 *   <li>client — {@link io.wrpkafka.internal.ProducerGenerations}: the Kafka producer, replaced
 *       on a hot reload without reordering a partition;
 *   <li>completion — {@link io.wrpkafka.internal.Outcomes}: buffer room back, the failure
 *       classified ({@link io.wrpkafka.internal.Failures}), the outcome reported once to the
 *       caller's future and the listeners ({@link io.wrpkafka.internal.EventDispatcher}), failures
 *       logged rate-limited ({@link io.wrpkafka.internal.FailureLog});
 *   <li>failure handling — {@link io.wrpkafka.internal.FailureStage}: the dead-letter topic
 *       ({@link io.wrpkafka.internal.DeadLetters}).
 * </ol>
 *
 * <p>Why a package of its own rather than package-private classes beside {@code Publisher}
 * (Caffeine's way): the stages are many and each is tested alone; a package keeps them apart from
 * the public configuration and value types, so the public package reads as the API it is, and the
 * one-way rule is checkable: nothing here imports {@code io.wrpkafka.Publisher}. The price is
 * that Java cannot hide a public class in a package; this comment, and the package name, say it
 * is not for users (OkHttp's {@code okhttp3.internal} does the same).
 */
package io.wrpkafka.internal;
