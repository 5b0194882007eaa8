-- Issue #16: approvals (ERC-20 Approval, ApprovalForAll, Permit2) are a kind of their own in /settings kinds, on by
-- default. A chat hears something while it wants a transfer in some direction, or approvals.

ALTER TABLE chats
    ADD COLUMN approvals BOOLEAN NOT NULL DEFAULT TRUE,
    DROP CONSTRAINT chats_hear_something,
    ADD CONSTRAINT chats_hear_something CHECK (((native_transfers OR tokens OR nfts) AND (incoming OR outgoing))
        OR approvals);
