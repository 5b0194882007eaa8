// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title The ENS registry, for devnets
/// @notice The mainnet registry's interface (EIP-137): who owns a node, its resolver and TTL. The root node belongs
/// to the deployer; only a node's owner may change it or create names under it. Operators (setApprovalForAll) are
/// left out: the tests act as the owners themselves.
contract EnsRegistry {
    struct Record {
        address owner;
        address resolver;
        uint64 ttl;
    }

    mapping(bytes32 => Record) private records;

    event NewOwner(bytes32 indexed node, bytes32 indexed label, address owner);
    event Transfer(bytes32 indexed node, address owner);
    event NewResolver(bytes32 indexed node, address resolver);
    event NewTTL(bytes32 indexed node, uint64 ttl);

    modifier onlyOwner(bytes32 node) {
        require(records[node].owner == msg.sender, "EnsRegistry: not the node's owner");
        _;
    }

    constructor() {
        records[bytes32(0)].owner = msg.sender;
    }

    function owner(bytes32 node) external view returns (address) {
        return records[node].owner;
    }

    function resolver(bytes32 node) external view returns (address) {
        return records[node].resolver;
    }

    function ttl(bytes32 node) external view returns (uint64) {
        return records[node].ttl;
    }

    function recordExists(bytes32 node) external view returns (bool) {
        return records[node].owner != address(0);
    }

    function setOwner(bytes32 node, address owner_) external onlyOwner(node) {
        records[node].owner = owner_;
        emit Transfer(node, owner_);
    }

    /// Gives `keccak256(node, label)` to `owner_`; returns that subnode.
    function setSubnodeOwner(bytes32 node, bytes32 label, address owner_) external onlyOwner(node) returns (bytes32) {
        bytes32 subnode = keccak256(abi.encodePacked(node, label));
        records[subnode].owner = owner_;
        emit NewOwner(node, label, owner_);
        return subnode;
    }

    function setResolver(bytes32 node, address resolver_) external onlyOwner(node) {
        records[node].resolver = resolver_;
        emit NewResolver(node, resolver_);
    }

    function setTTL(bytes32 node, uint64 ttl_) external onlyOwner(node) {
        records[node].ttl = ttl_;
        emit NewTTL(node, ttl_);
    }
}
