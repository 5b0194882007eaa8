package io.chainwatch.ingestor;

import java.util.List;
import java.util.Locale;

import io.chainwatch.ingestor.TokenTransferDecoder.RawLog;
import io.chainwatch.schema.TokenApproval;
import io.chainwatch.schema.TokenTransfer;

/**
 * Sorts each receipt log by its topic0, once, to the decoder of its event: token movements to
 * {@link TokenTransferDecoder}, allowances to {@link ApprovalDecoder}. It runs for every log of every block, so a log
 * of no interest costs one string switch and nothing else. A log that matches but is malformed is skipped, never
 * fatal: logs are untrusted input.
 */
final class LogDecoder {

    private LogDecoder() {
    }

    /** Adds what {@code log} holds to {@code transfers} or {@code approvals}. */
    static void decode(RawLog log, List<TokenTransfer> transfers, List<TokenApproval> approvals) {
        if (log.topics().isEmpty()) {
            return;
        }
        try {
            switch (log.topics().get(0).toLowerCase(Locale.ROOT)) {
                case TokenTransferDecoder.TRANSFER -> transfers.addAll(TokenTransferDecoder.transfer(log));
                case TokenTransferDecoder.TRANSFER_SINGLE -> transfers.addAll(TokenTransferDecoder.transferSingle(log));
                case TokenTransferDecoder.TRANSFER_BATCH -> transfers.addAll(TokenTransferDecoder.transferBatch(log));
                case ApprovalDecoder.APPROVAL -> approvals.addAll(ApprovalDecoder.approval(log));
                case ApprovalDecoder.APPROVAL_FOR_ALL -> approvals.addAll(ApprovalDecoder.approvalForAll(log));
                case ApprovalDecoder.PERMIT2_APPROVAL -> approvals.addAll(ApprovalDecoder.permit2(log, 2));
                case ApprovalDecoder.PERMIT2_PERMIT -> approvals.addAll(ApprovalDecoder.permit2(log, 3));
                default -> {
                    // not an event we decode: the common case
                }
            }
        } catch (RuntimeException malformed) {
            // skipped: each decoder parses everything before returning, so nothing partial was added
        }
    }
}
