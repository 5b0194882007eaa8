package io.chainwatch.bot.chain;

import java.math.BigInteger;

/** What {@code /gas} tells about a chain's fees, in wei. */
public sealed interface GasQuote {

    /**
     * An EIP-1559 fee market, from {@code eth_feeHistory}.
     *
     * @param newestBlock the newest block of the window
     * @param blocks blocks in the window
     * @param nextBaseFee the base fee of the next block
     * @param oldestBaseFee the base fee of the oldest block in the window (for the trend)
     * @param slow the median of the blocks' 10th-percentile priority fees (empty blocks left out)
     * @param standard the same for the 50th percentile
     * @param fast the same for the 90th percentile
     */
    record FeeMarket(long newestBlock, int blocks, BigInteger nextBaseFee, BigInteger oldestBaseFee, BigInteger slow,
            BigInteger standard, BigInteger fast) implements GasQuote {

        /** A max fee that survives a few full blocks of base fee rises: 2 × base fee + the standard tip. */
        BigInteger suggestedMaxFee() {
            return nextBaseFee.shiftLeft(1).add(standard);
        }
    }

    /** A chain without {@code eth_feeHistory}: only {@code eth_gasPrice}. */
    record GasPrice(BigInteger gasPrice) implements GasQuote {
    }
}
