package io.chainwatch.devkit.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A test contract as {@code devkit/src/main/solidity/compile.mjs} wrote it: the resource
 * {@code io/chainwatch/devkit/contracts/<name>.json} on the class path.
 *
 * @param name the contract's name, also its file's
 * @param solcVersion the compiler that built it (e.g. {@code 0.8.30+commit.73712a01...})
 * @param abi the contract's ABI as solc gives it
 * @param bytecode the creation code, {@code 0x}-prefixed
 */
public record CompiledContract(String name, String solcVersion, JsonNode abi, String bytecode) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the compiled contract {@code name} ({@code "PriceFeed"}, {@code "EnsRegistry"}...).
     *
     * @throws IllegalArgumentException when there is no such resource
     */
    public static CompiledContract load(String name) {
        try (InputStream in = CompiledContract.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no compiled contract " + name + ": expected "
                        + CompiledContract.class.getPackageName().replace('.', '/') + "/" + name
                        + ".json on the class path (node devkit/src/main/solidity/compile.mjs writes it)");
            }
            JsonNode json = JSON.readTree(in);
            return new CompiledContract(json.get("contract").asText(), json.get("solc").asText(), json.get("abi"),
                    json.get("bytecode").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read compiled contract " + name, e);
        }
    }

    /** The constructor's parameter types in order; empty when it has none. */
    public List<String> constructorTypes() {
        List<String> types = new ArrayList<>();
        for (JsonNode entry : abi) {
            if (entry.path("type").asText().equals("constructor")) {
                entry.path("inputs").forEach(input -> types.add(input.get("type").asText()));
            }
        }
        return types;
    }

    /** The data of a transaction that deploys this contract with {@code args} for its constructor. */
    public String deployData(Object... args) {
        return bytecode + Abi.encode(constructorTypes(), args);
    }
}
