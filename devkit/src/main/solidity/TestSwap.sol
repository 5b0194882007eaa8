// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface Erc20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title A swap pool for tests
/// @notice Swaps ether for any ERC-20 it holds and back, at whatever price the caller names: no pricing, no fees.
/// It exists so a watched account makes a swap (ether out, tokens in, or the reverse), or moves three assets at
/// once, in one transaction. Fund it by minting tokens to it and sending it ether.
contract TestSwap {
    /// `address(0)` stands for ether on either side.
    event Swap(address indexed sender, address indexed tokenIn, uint256 amountIn, address indexed tokenOut,
        uint256 amountOut);

    receive() external payable {}

    /// Takes the ether sent and gives `amountOut` of `token` to the caller.
    function swapEthForToken(address token, uint256 amountOut) external payable {
        require(Erc20(token).transfer(msg.sender, amountOut), "TestSwap: token transfer failed");
        emit Swap(msg.sender, address(0), msg.value, token, amountOut);
    }

    /// Takes the ether sent and gives `amountA` of `tokenA` and `amountB` of `tokenB` to the caller: three assets
    /// move for the caller in one transaction. One Swap log per token; the ether is on the first.
    function swapEthForTwoTokens(address tokenA, uint256 amountA, address tokenB, uint256 amountB) external payable {
        require(Erc20(tokenA).transfer(msg.sender, amountA), "TestSwap: token transfer failed");
        require(Erc20(tokenB).transfer(msg.sender, amountB), "TestSwap: token transfer failed");
        emit Swap(msg.sender, address(0), msg.value, tokenA, amountA);
        emit Swap(msg.sender, address(0), 0, tokenB, amountB);
    }

    /// Takes `amountIn` of `token` from the caller (who approved this pool for it) and sends back `ethOut` wei.
    function swapTokenForEth(address token, uint256 amountIn, uint256 ethOut) external {
        require(Erc20(token).transferFrom(msg.sender, address(this), amountIn), "TestSwap: token transfer failed");
        (bool sent,) = payable(msg.sender).call{value: ethOut}("");
        require(sent, "TestSwap: ether transfer failed");
        emit Swap(msg.sender, token, amountIn, address(0), ethOut);
    }
}
