package io.chainwatch.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import io.chainwatch.ingestor.rpc.BlockNotAvailableException;

/** Issue #3, item 7: the live catch-up fetches ahead across batch boundaries, never skipping or repeating a block. */
class ReadAheadTest {

    private static final int WINDOW = 4;

    /** Every fetch, in the order it was asked for; each fetched block's hash says which attempt it was. */
    private final List<Long> requested = Collections.synchronizedList(new ArrayList<>());
    private final Set<Long> failOnce = ConcurrentHashMap.newKeySet();
    // fetches run on the calling thread when submitted, so what was fetched ahead is known exactly
    private final ReadAhead readAhead = new ReadAhead(this::fetch, Runnable::run, WINDOW);

    private FetchedBlock fetch(long number) {
        requested.add(number);
        if (failOnce.remove(number)) {
            throw new BlockNotAvailableException("block " + number + " not yet on the node");
        }
        long attempt = requested.stream().filter(n -> n == number).count();
        return new FetchedBlock(number, "0x" + number + "-" + attempt, "0x" + (number - 1), null);
    }

    private static List<Long> numbers(List<FetchedBlock> batch) {
        return batch.stream().map(FetchedBlock::number).toList();
    }

    private long timesRequested(long number) {
        return requested.stream().filter(n -> n == number).count();
    }

    @Test
    void shouldKeepFetchingAheadAcrossBatchBoundariesAndFetchEachBlockOnce() throws InterruptedException {
        assertThat(numbers(readAhead.nextBatch(1, 20, 3))).containsExactly(1L, 2L, 3L);
        assertThat(requested).as("the window stays full while the batch is published").contains(4L, 5L, 6L, 7L);

        List<Long> published = new ArrayList<>(List.of(1L, 2L, 3L));
        while (published.getLast() < 20) {
            published.addAll(numbers(readAhead.nextBatch(published.getLast() + 1, 20, 3)));
        }

        assertThat(published).containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(requested).as("nothing fetched twice").doesNotHaveDuplicates().hasSize(20);
    }

    @Test
    void shouldDiscardWhatWasFetchedAheadAndRestartFromTheCursorWhenAReorgMovedItBack() throws InterruptedException {
        readAhead.nextBatch(1, 20, 3);

        List<FetchedBlock> afterReorg = readAhead.nextBatch(2, 20, 3); // the new branch forks above block 1

        assertThat(numbers(afterReorg)).containsExactly(2L, 3L, 4L);
        assertThat(afterReorg).extracting(FetchedBlock::hash).as("read again, not taken from the discarded fetches")
                .containsExactly("0x2-2", "0x3-2", "0x4-2");
    }

    @Test
    void shouldEndTheBatchAtAFailedFetchAndRefetchFromTheCursorNextTime() throws InterruptedException {
        failOnce.add(3L);

        assertThat(numbers(readAhead.nextBatch(1, 20, 5))).containsExactly(1L, 2L);
        List<FetchedBlock> next = readAhead.nextBatch(3, 20, 5);

        assertThat(numbers(next)).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(timesRequested(3)).isEqualTo(2);
        assertThat(next.get(1).hash()).as("block 4 was fetched ahead of the failure: read again").isEqualTo("0x4-2");
    }

    @Test
    void shouldThrowWhenTheFirstBlockOfABatchCannotBeFetched() throws InterruptedException {
        failOnce.add(1L);

        assertThatThrownBy(() -> readAhead.nextBatch(1, 20, 5)).isInstanceOf(BlockNotAvailableException.class);
        assertThat(numbers(readAhead.nextBatch(1, 20, 2))).containsExactly(1L, 2L);
    }

    @Test
    void shouldFollowAHeadThatMovesOnWithoutRefetching() throws InterruptedException {
        assertThat(numbers(readAhead.nextBatch(1, 3, 10))).containsExactly(1L, 2L, 3L);
        assertThat(requested).as("never past the head").containsExactly(1L, 2L, 3L);

        assertThat(numbers(readAhead.nextBatch(4, 5, 10))).containsExactly(4L, 5L);
        assertThat(requested).doesNotHaveDuplicates().hasSize(5);
    }

    @Test
    void shouldDiscardWhatWasFetchedAboveAHeadThatWentBackwards() throws InterruptedException {
        readAhead.nextBatch(1, 10, 2); // 3..6 fetched ahead

        List<FetchedBlock> batch = readAhead.nextBatch(3, 4, 10);

        assertThat(numbers(batch)).containsExactly(3L, 4L);
        assertThat(batch).extracting(FetchedBlock::hash).containsExactly("0x3-2", "0x4-2");
    }
}
