package io.wrpkafka.wrp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One immutable WRP message.
 *
 * <p>Build with {@link #builder()}, derive a variant with {@link #toBuilder()}. Absent strings read
 * as {@code ""}, absent lists and maps as empty, an absent payload as an empty array; {@link
 * #status()} and {@link #requestDeliveryResponse()} are empty unless set; {@link #spans()} are
 * wrp v3's timing spans, carried through unchanged. Equality is by value
 * (the payload by content). {@link #toString()} shows the payload length, never its bytes.
 * Instances are thread-safe.
 */
public final class Message {
  /*
   * The payload array is owned by this instance: the builder copies what callers pass in and the
   * getter copies what it hands out, so no caller can change a built message. Codecs in this
   * package read it in place through payloadArray() and hand a freshly decoded array in through
   * Builder.payloadOwned(), so the hot paths copy nothing. Lists are unmodifiable copies made
   * once by the builder; the metadata is a Metadata, immutable and array-backed, which the codecs
   * read by index and build through Builder.metadataOwned(). The msgpack decoder skips the
   * builder: it collects the fields in locals and calls the package-private constructor with
   * parts it made immutable itself (no builder object, no second copy of any field).
   *
   * Spans are List<List<String>> rather than a record: wrp-go v3 declares them [][]string, its
   * doc comment lists five values per span (parent, name, start, duration, status), Talaria sends
   * three (name, start, duration) and wrp-go's own tests use one and two. Any record would drop
   * or invent values of some sender, and the Talaria integration promises to keep them all.
   * wrp-go v4 and v5 have no spans field at all.
   */

  private static final byte[] EMPTY = new byte[0];

  private final MessageType type;
  private final String source;
  private final String destination;
  private final String transactionUuid;
  private final String contentType;
  private final String accept;
  private final OptionalLong status;
  private final OptionalLong requestDeliveryResponse;
  private final List<String> headers;
  private final Metadata metadata;
  private final List<List<String>> spans;
  private final String path;
  private final byte[] payload;
  private final String serviceName;
  private final String url;
  private final List<String> partnerIds;
  private final String sessionId;
  private final int qualityOfService;
  private int hash;

  private Message(Builder b) {
    this(b.type, b.source, b.destination, b.transactionUuid, b.contentType, b.accept, b.status,
        b.requestDeliveryResponse, b.headers, b.metadata, b.spans, b.path, b.payload,
        b.serviceName, b.url, b.partnerIds, b.sessionId, b.qualityOfService);
  }

  /**
   * A message of parts already checked, immutable and owned by it (the lists unmodifiable, the
   * payload a fresh array), as the msgpack decoder makes them: nothing is copied or checked
   * again. For the builder and the codecs of this package only.
   */
  Message(MessageType type, String source, String destination, String transactionUuid,
      String contentType, String accept, OptionalLong status,
      OptionalLong requestDeliveryResponse, List<String> headers, Metadata metadata,
      List<List<String>> spans, String path, byte[] payload, String serviceName, String url,
      List<String> partnerIds, String sessionId, int qualityOfService) {
    this.type = type;
    this.source = source;
    this.destination = destination;
    this.transactionUuid = transactionUuid;
    this.contentType = contentType;
    this.accept = accept;
    this.status = status;
    this.requestDeliveryResponse = requestDeliveryResponse;
    this.headers = headers;
    this.metadata = metadata;
    this.spans = spans;
    this.path = path;
    this.payload = payload.length == 0 ? EMPTY : payload;
    this.serviceName = serviceName;
    this.url = url;
    this.partnerIds = partnerIds;
    this.sessionId = sessionId;
    this.qualityOfService = qualityOfService;
  }

  /** Returns a new builder with every field absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this message's fields. Copies no payload bytes. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The message type ({@code msg_type}). */
  public MessageType type() {
    return type;
  }

  /** The source locator ({@code source}), or {@code ""}. */
  public String source() {
    return source;
  }

  /** The destination locator ({@code dest}), or {@code ""}. */
  public String destination() {
    return destination;
  }

  /** The transaction id ({@code transaction_uuid}), or {@code ""}. */
  public String transactionUuid() {
    return transactionUuid;
  }

  /** The payload's content type ({@code content_type}), or {@code ""}. */
  public String contentType() {
    return contentType;
  }

  /** The accepted response content type ({@code accept}), or {@code ""}. */
  public String accept() {
    return accept;
  }

  /** The status ({@code status}), empty when absent. */
  public OptionalLong status() {
    return status;
  }

  /** The request-delivery-response value ({@code rdr}), empty when absent. */
  public OptionalLong requestDeliveryResponse() {
    return requestDeliveryResponse;
  }

  /** The headers ({@code headers}), unmodifiable, possibly empty. */
  public List<String> headers() {
    return headers;
  }

  /** The metadata ({@code metadata}), unmodifiable, in insertion order, possibly empty. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The metadata, read by index by the encoders of this package. Allocates nothing. */
  Metadata metadataArrays() {
    return metadata;
  }

  /**
   * The wrp v3 timing spans ({@code spans}), each a list of strings as the sender wrote it
   * (Talaria: name, start, duration); unmodifiable at both levels, possibly empty. Allocates
   * nothing.
   */
  public List<List<String>> spans() {
    return spans;
  }

  /** The path ({@code path}), or {@code ""}. */
  public String path() {
    return path;
  }

  /** A copy of the payload ({@code payload}); empty when absent. Allocates a new array per call. */
  public byte[] payload() {
    return payload.length == 0 ? EMPTY : payload.clone();
  }

  /** The payload length in bytes. Allocates nothing. */
  public int payloadLength() {
    return payload.length;
  }

  /** A read-only view of the payload. Copies no bytes (allocates only the small view object). */
  public ByteBuffer payloadBuffer() {
    return ByteBuffer.wrap(payload).asReadOnlyBuffer();
  }

  /**
   * Writes the payload to {@code out} without copying it. Blocks as {@code out} does.
   *
   * @throws IOException if {@code out} fails
   */
  public void writePayloadTo(OutputStream out) throws IOException {
    out.write(payload);
  }

  /** The payload array itself, for the codecs of this package only: never modify it. */
  byte[] payloadArray() {
    return payload;
  }

  /** The service name ({@code service_name}), or {@code ""}. */
  public String serviceName() {
    return serviceName;
  }

  /** The URL ({@code url}), or {@code ""}. */
  public String url() {
    return url;
  }

  /** The partner ids ({@code partner_ids}), unmodifiable, possibly empty. */
  public List<String> partnerIds() {
    return partnerIds;
  }

  /** The session id ({@code session_id}), or {@code ""}. */
  public String sessionId() {
    return sessionId;
  }

  /** The quality of service ({@code qos}), 0 to 99; 0 when absent. */
  public int qualityOfService() {
    return qualityOfService;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Message)) {
      return false;
    }
    Message m = (Message) o;
    return type == m.type
        && qualityOfService == m.qualityOfService
        && source.equals(m.source)
        && destination.equals(m.destination)
        && transactionUuid.equals(m.transactionUuid)
        && contentType.equals(m.contentType)
        && accept.equals(m.accept)
        && status.equals(m.status)
        && requestDeliveryResponse.equals(m.requestDeliveryResponse)
        && headers.equals(m.headers)
        && metadata.equals(m.metadata)
        && spans.equals(m.spans)
        && path.equals(m.path)
        && Arrays.equals(payload, m.payload)
        && serviceName.equals(m.serviceName)
        && url.equals(m.url)
        && partnerIds.equals(m.partnerIds)
        && sessionId.equals(m.sessionId);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Objects.hash(type, source, destination, transactionUuid, contentType, accept, status,
          requestDeliveryResponse, headers, metadata, spans, path, serviceName, url, partnerIds,
          sessionId, qualityOfService);
      h = 31 * h + Arrays.hashCode(payload);
      hash = h;
    }
    return h;
  }

  /** Lists the fields that are present; the payload appears only as its length. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(128).append("Message{type=").append(type);
    appendIfPresent(sb, "source", source);
    appendIfPresent(sb, "destination", destination);
    appendIfPresent(sb, "transactionUuid", transactionUuid);
    appendIfPresent(sb, "contentType", contentType);
    appendIfPresent(sb, "accept", accept);
    if (status.isPresent()) {
      sb.append(", status=").append(status.getAsLong());
    }
    if (requestDeliveryResponse.isPresent()) {
      sb.append(", requestDeliveryResponse=").append(requestDeliveryResponse.getAsLong());
    }
    if (!headers.isEmpty()) {
      sb.append(", headers=").append(headers);
    }
    if (!metadata.isEmpty()) {
      sb.append(", metadata=").append(metadata);
    }
    if (!spans.isEmpty()) {
      sb.append(", spans=").append(spans);
    }
    appendIfPresent(sb, "path", path);
    sb.append(", payload=").append(payload.length).append(" bytes");
    appendIfPresent(sb, "serviceName", serviceName);
    appendIfPresent(sb, "url", url);
    if (!partnerIds.isEmpty()) {
      sb.append(", partnerIds=").append(partnerIds);
    }
    appendIfPresent(sb, "sessionId", sessionId);
    if (qualityOfService != 0) {
      sb.append(", qualityOfService=").append(qualityOfService);
    }
    return sb.append('}').toString();
  }

  private static void appendIfPresent(StringBuilder sb, String name, String value) {
    if (!value.isEmpty()) {
      sb.append(", ").append(name).append('=').append(value);
    }
  }

  /**
   * Builds {@link Message}s. Setters reject {@code null} with a {@link NullPointerException}
   * naming the parameter. The {@link #type(MessageType) type} defaults to {@link
   * MessageType#SIMPLE_EVENT}, the type of the events a gateway publishes. Not thread-safe; a
   * builder may build any number of messages.
   */
  public static final class Builder {
    private MessageType type;
    private String source = "";
    private String destination = "";
    private String transactionUuid = "";
    private String contentType = "";
    private String accept = "";
    private OptionalLong status = OptionalLong.empty();
    private OptionalLong requestDeliveryResponse = OptionalLong.empty();
    private List<String> headers = List.of();
    private Metadata metadata = Metadata.EMPTY;
    private List<List<String>> spans = List.of();
    private String path = "";
    private byte[] payload = EMPTY;
    private String serviceName = "";
    private String url = "";
    private List<String> partnerIds = List.of();
    private String sessionId = "";
    private int qualityOfService;

    private Builder() {}

    private Builder(Message m) {
      type = m.type;
      source = m.source;
      destination = m.destination;
      transactionUuid = m.transactionUuid;
      contentType = m.contentType;
      accept = m.accept;
      status = m.status;
      requestDeliveryResponse = m.requestDeliveryResponse;
      headers = m.headers;
      metadata = m.metadata;
      spans = m.spans;
      path = m.path;
      payload = m.payload;
      serviceName = m.serviceName;
      url = m.url;
      partnerIds = m.partnerIds;
      sessionId = m.sessionId;
      qualityOfService = m.qualityOfService;
    }

    /** Sets the message type ({@code msg_type}); {@link MessageType#SIMPLE_EVENT} if never set. */
    public Builder type(MessageType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /** Sets the source locator ({@code source}); {@code ""} means absent. */
    public Builder source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Sets the destination locator ({@code dest}); {@code ""} means absent. */
    public Builder destination(String destination) {
      this.destination = Objects.requireNonNull(destination, "destination");
      return this;
    }

    /** Sets the transaction id ({@code transaction_uuid}); {@code ""} means absent. */
    public Builder transactionUuid(String transactionUuid) {
      this.transactionUuid = Objects.requireNonNull(transactionUuid, "transactionUuid");
      return this;
    }

    /** Sets the payload content type ({@code content_type}); {@code ""} means absent. */
    public Builder contentType(String contentType) {
      this.contentType = Objects.requireNonNull(contentType, "contentType");
      return this;
    }

    /** Sets the accepted response content type ({@code accept}); {@code ""} means absent. */
    public Builder accept(String accept) {
      this.accept = Objects.requireNonNull(accept, "accept");
      return this;
    }

    /** Sets the status ({@code status}); any value, 0 included, counts as present. */
    public Builder status(long status) {
      this.status = OptionalLong.of(status);
      return this;
    }

    /** Makes the status absent again. */
    public Builder clearStatus() {
      this.status = OptionalLong.empty();
      return this;
    }

    /** Sets the request-delivery-response value ({@code rdr}); 0 included counts as present. */
    public Builder requestDeliveryResponse(long requestDeliveryResponse) {
      this.requestDeliveryResponse = OptionalLong.of(requestDeliveryResponse);
      return this;
    }

    /** Makes the request-delivery-response value absent again. */
    public Builder clearRequestDeliveryResponse() {
      this.requestDeliveryResponse = OptionalLong.empty();
      return this;
    }

    /** Sets the headers ({@code headers}); copied; elements must not be null. */
    public Builder headers(List<String> headers) {
      this.headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
      return this;
    }

    /**
     * Sets the metadata ({@code metadata}); copied in the map's iteration order; keys and values
     * must not be null.
     */
    public Builder metadata(Map<String, String> metadata) {
      Objects.requireNonNull(metadata, "metadata");
      this.metadata = Metadata.copyOf(metadata);
      return this;
    }

    /** Takes decoded metadata without copying it; codecs of this package only. */
    Builder metadataOwned(Metadata metadata) {
      this.metadata = metadata;
      return this;
    }

    /**
     * Sets the wrp v3 timing spans ({@code spans}); copied at both levels; an empty list means
     * absent. A span may hold any number of strings (Talaria writes name, start, duration).
     *
     * @throws NullPointerException if {@code spans}, a span or a value is null, naming which
     */
    public Builder spans(List<List<String>> spans) {
      Objects.requireNonNull(spans, "spans");
      if (spans.isEmpty()) {
        this.spans = List.of();
        return this;
      }
      List<List<String>> copy = new ArrayList<>(spans.size());
      for (int i = 0, n = spans.size(); i < n; i++) {
        List<String> span = spans.get(i);
        if (span == null) {
          throw new NullPointerException("spans[" + i + "]");
        }
        for (int j = 0, m = span.size(); j < m; j++) {
          if (span.get(j) == null) {
            throw new NullPointerException("spans[" + i + "][" + j + "]");
          }
        }
        copy.add(List.copyOf(span));
      }
      this.spans = Collections.unmodifiableList(copy);
      return this;
    }

    /** Sets the path ({@code path}); {@code ""} means absent. */
    public Builder path(String path) {
      this.path = Objects.requireNonNull(path, "path");
      return this;
    }

    /** Sets the payload ({@code payload}); the bytes are copied. */
    public Builder payload(byte[] payload) {
      Objects.requireNonNull(payload, "payload");
      this.payload = payload.length == 0 ? EMPTY : payload.clone();
      return this;
    }

    /** Takes a freshly decoded payload array without copying it; codecs of this package only. */
    Builder payloadOwned(byte[] payload) {
      this.payload = payload.length == 0 ? EMPTY : payload;
      return this;
    }

    /** Sets the service name ({@code service_name}); {@code ""} means absent. */
    public Builder serviceName(String serviceName) {
      this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
      return this;
    }

    /** Sets the URL ({@code url}); {@code ""} means absent. */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /** Sets the partner ids ({@code partner_ids}); copied; elements must not be null. */
    public Builder partnerIds(List<String> partnerIds) {
      this.partnerIds = List.copyOf(Objects.requireNonNull(partnerIds, "partnerIds"));
      return this;
    }

    /** Sets the session id ({@code session_id}); {@code ""} means absent. */
    public Builder sessionId(String sessionId) {
      this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
      return this;
    }

    /**
     * Sets the quality of service ({@code qos}); 0 means absent.
     *
     * @throws IllegalArgumentException if {@code qualityOfService} is outside 0 to 99
     */
    public Builder qualityOfService(int qualityOfService) {
      if (qualityOfService < 0 || qualityOfService > 99) {
        throw new IllegalArgumentException(
            "qualityOfService: " + qualityOfService + " is outside 0 to 99");
      }
      this.qualityOfService = qualityOfService;
      return this;
    }

    /** The type set so far, or {@code null}; codecs of this package only. */
    MessageType typeOrNull() {
      return type;
    }

    /** Returns a message with the fields set so far. */
    public Message build() {
      if (type == null) {
        type = MessageType.SIMPLE_EVENT;
      }
      return new Message(this);
    }
  }
}
