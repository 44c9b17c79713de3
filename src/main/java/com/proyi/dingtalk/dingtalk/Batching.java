package com.proyi.dingtalk.dingtalk;

import java.util.ArrayList;
import java.util.List;

/** Splits recipient lists for APIs that take a bounded number per call (100 userids per work notification). */
public final class Batching {

    private Batching() {
    }

    /** Consecutive chunks of at most {@code size} items, in order; none for an empty list. */
    public static <T> List<List<T>> chunks(List<T> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, was " + size);
        }
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(List.copyOf(items.subList(from, Math.min(from + size, items.size()))));
        }
        return chunks;
    }
}
