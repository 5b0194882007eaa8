/**
 * What the messages and replies call an address besides its hex: the operator's address book
 * ({@link AddressBook}, {@code CHAINWATCH_ADDRESS_LABELS}) and {@link ShownNames}, the one way every service puts a
 * name next to an address — a book name or a verified ENS name in bold before the address, which always stays; a
 * name not to be trusted only quoted in a 🚩 warning. Pure; the ENS lookups themselves are {@code io.chainwatch.ens}.
 */
package io.chainwatch.names;
