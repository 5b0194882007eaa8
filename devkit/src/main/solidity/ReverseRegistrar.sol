// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface EnsRecords {
    function setSubnodeOwner(bytes32 node, bytes32 label, address owner) external returns (bytes32);
    function setResolver(bytes32 node, address resolver) external;
}

interface NameResolver {
    function setName(bytes32 node, string calldata name) external;
}

/// @title The ENS reverse registrar, for devnets
/// @notice Owns `addr.reverse` in the registry (the deployer hands it over) and lets any account set its own primary
/// name, `<lowercase hex address without 0x>.addr.reverse`, on the default resolver, as mainnet's does (EIP-181).
/// The registrar keeps owning the reverse nodes, so only it writes their names.
contract ReverseRegistrar {
    /// namehash("addr.reverse")
    bytes32 public constant ADDR_REVERSE_NODE = 0x91d1777781884d03a6757a803996e38de2a42967fb37eeaca72729271025a9e2;

    EnsRecords public immutable ens;
    NameResolver public immutable defaultResolver;

    constructor(address ens_, address defaultResolver_) {
        ens = EnsRecords(ens_);
        defaultResolver = NameResolver(defaultResolver_);
    }

    /// Sets the caller's reverse record to `name_`; returns the caller's reverse node.
    function setName(string calldata name_) external returns (bytes32) {
        bytes32 label = hexLabel(msg.sender);
        bytes32 reverseNode = ens.setSubnodeOwner(ADDR_REVERSE_NODE, label, address(this));
        ens.setResolver(reverseNode, address(defaultResolver));
        defaultResolver.setName(reverseNode, name_);
        return reverseNode;
    }

    /// The reverse node of `account`: namehash("<lowercase hex of account>.addr.reverse").
    function node(address account) external pure returns (bytes32) {
        return keccak256(abi.encodePacked(ADDR_REVERSE_NODE, hexLabel(account)));
    }

    /// keccak256 of the 40 lowercase hex digits of `account`.
    function hexLabel(address account) private pure returns (bytes32) {
        bytes16 digits = "0123456789abcdef";
        bytes memory text = new bytes(40);
        uint160 value = uint160(account);
        for (uint256 i = 40; i > 0; i--) {
            text[i - 1] = digits[value & 0xf];
            value >>= 4;
        }
        return keccak256(text);
    }
}
