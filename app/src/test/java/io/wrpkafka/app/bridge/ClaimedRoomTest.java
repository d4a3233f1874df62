package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.BufferState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaimedRoomTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "empty buffer takes a small record,                  0,  160,       0, 16000,  1,  100, true",
    "room up to the 1/16 reserve is taken,               0,  160,   14900, 16000,  1,  100, true",
    "a record reaching into the byte reserve waits,      0,  160,   14901, 16000,  1,  100, false",
    "a record reaching into the record reserve waits,  150,  160,       0, 16000,  1,  100, false",
    "the last record before the record reserve fits,   149,  160,       0, 16000,  1,  100, true",
    "no record limit counts bytes only,            1000000,    0,       0, 16000,  1,  100, true",
    "a full buffer never fits,                         160,  160,   16000, 16000,  1,  100, false",
  })
  void fitsLeavesTheReserveAndCountsTheClaims(
      String name, long records, long maxRecords, long bytes, long maxBytes, long claimedRecords,
      long claimedBytes, boolean fits) {
    assertThat(ClaimedRoom.fits(
        new BufferState(records, maxRecords, bytes, maxBytes), claimedRecords, claimedBytes))
        .isEqualTo(fits);
  }

  @Test
  void aClaimInProgressCountsAgainstTheNextCall() {
    ClaimedRoom room = new ClaimedRoom();
    BufferState empty = new BufferState(0, 0, 0, 16_000);
    room.claim(1, 10_000);

    assertThat(room.tryClaim(empty, 1, 6_000)).isFalse();
  }

  @Test
  void aReleasedClaimNoLongerCounts() {
    ClaimedRoom room = new ClaimedRoom();
    BufferState empty = new BufferState(0, 0, 0, 16_000);
    room.claim(1, 10_000);
    room.release(1, 10_000);

    assertThat(room.tryClaim(empty, 1, 5_000)).isTrue();
  }

  @Test
  void aRefusedTryClaimLeavesNothingClaimed() {
    ClaimedRoom room = new ClaimedRoom();
    BufferState empty = new BufferState(0, 0, 0, 16_000);

    assertThat(room.tryClaim(empty, 1, 20_000)).isFalse();
    assertThat(room.tryClaim(empty, 1, 14_000)).isTrue();
  }
}
