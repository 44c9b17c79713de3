package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** N instances divide an app's limit: together exactly the limit, none more than one call apart. */
class SendRateSharesTest {

    @Test
    void sharesAddUpToTheLimit() {
        for (int instances = 1; instances <= 7; instances++) {
            int n = instances;
            int[] shares = IntStream.range(0, n).map(rank -> SendRateShares.share(20, n, rank)).toArray();
            assertThat(IntStream.of(shares).sum()).as("%d instances", n).isEqualTo(20);
            assertThat(IntStream.of(shares).max().orElseThrow() - IntStream.of(shares).min().orElseThrow()).isLessThanOrEqualTo(1);
        }
        assertThat(SendRateShares.share(20, 3, 0)).isEqualTo(7);
        assertThat(SendRateShares.share(20, 3, 2)).isEqualTo(6);
    }
}
