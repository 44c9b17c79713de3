package com.proyi.dingtalk.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchingTest {

    @Test
    void splitsIntoChunksOfAtMostTheSizeInOrder() {
        List<Integer> items = IntStream.range(0, 250).boxed().toList();

        List<List<Integer>> chunks = Batching.chunks(items, 100);

        assertThat(chunks).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(items);
        assertThat(Batching.chunks(List.of(), 100)).isEmpty();
    }
}
