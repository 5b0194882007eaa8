// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface EnsOwners {
    function owner(bytes32 node) external view returns (address);
}

/// @title An ENS resolver for addresses and names, for devnets
/// @notice The mainnet public resolver's `addr(bytes32)` and `name(bytes32)` profiles (EIP-137, EIP-181), with the
/// ERC-165 interface ids clients probe for. A record may be set by the node's owner in the registry.
contract PublicResolver {
    EnsOwners public immutable ens;

    mapping(bytes32 => address) private addresses;
    mapping(bytes32 => string) private names;

    event AddrChanged(bytes32 indexed node, address a);
    event NameChanged(bytes32 indexed node, string name);

    modifier authorised(bytes32 node) {
        require(ens.owner(node) == msg.sender, "PublicResolver: not the node's owner");
        _;
    }

    constructor(address ens_) {
        ens = EnsOwners(ens_);
    }

    function addr(bytes32 node) external view returns (address) {
        return addresses[node];
    }

    function setAddr(bytes32 node, address a) external authorised(node) {
        addresses[node] = a;
        emit AddrChanged(node, a);
    }

    /// The name a reverse node (`<address>.addr.reverse`) points to: any string its owner set, unchecked.
    function name(bytes32 node) external view returns (string memory) {
        return names[node];
    }

    function setName(bytes32 node, string calldata name_) external authorised(node) {
        names[node] = name_;
        emit NameChanged(node, name_);
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == this.supportsInterface.selector // ERC-165, 0x01ffc9a7
            || interfaceId == this.addr.selector // 0x3b3b57de
            || interfaceId == this.name.selector; // 0x691f3431
    }
}
