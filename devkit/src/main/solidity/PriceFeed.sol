// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title A price feed the tests set by hand
/// @notice Answers like a Chainlink AggregatorV3Interface feed, so code written against Chainlink reads it unchanged.
/// Anyone may set the answer or make reads fail: it only ever runs on a devnet.
contract PriceFeed {
    uint8 public immutable decimals;
    string public constant description = "chainwatch test feed";
    uint256 public constant version = 4;

    uint80 private roundId;
    int256 private answer;
    uint256 private updatedAt;
    bool private reverting;

    /// Chainlink's own event, so a watcher of real feeds sees updates here too.
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    constructor(uint8 decimals_, int256 answer_) {
        decimals = decimals_;
        setAnswer(answer_);
    }

    /// Starts a new round with `answer_`, updated now.
    function setAnswer(int256 answer_) public {
        roundId += 1;
        answer = answer_;
        updatedAt = block.timestamp;
        emit AnswerUpdated(answer_, roundId, block.timestamp);
    }

    /// Makes `latestRoundData` revert (a feed that is paused or gone), or answer again.
    function setReverting(bool reverting_) external {
        reverting = reverting_;
    }

    function latestRoundData()
        external
        view
        returns (uint80 roundId_, int256 answer_, uint256 startedAt, uint256 updatedAt_, uint80 answeredInRound)
    {
        require(!reverting, "PriceFeed: reverting");
        return (roundId, answer, updatedAt, updatedAt, roundId);
    }
}
