package io.chainwatch.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chainwatch.bot.store.ChatPreferences;
import io.chainwatch.bot.store.ChatPreferences.Kind;
import io.chainwatch.schema.WatchFilters;
import io.chainwatch.telegram.QuietHours;

class ChatPreferencesTest {

    @Test
    void shouldPublishNoFiltersWhenChatKeepsTheDefaults() {
        assertThat(ChatPreferences.DEFAULT.filters(null)).isNull();
    }

    @Test
    void shouldCarryEverySettingIntoTheFiltersWhenChatChangedThem() {
        ChatPreferences p = ChatPreferences.DEFAULT.withKinds(Map.of(Kind.NFTS, false, Kind.OUT, false)).withHideSpam(
                true).withQuietHours(QuietHours.parse("22:00-07:00 Europe/Berlin").orElseThrow());

        WatchFilters filters = p.filters(new BigInteger("500000000000000000"));

        assertThat(filters.getNativeTransfers()).isTrue();
        assertThat(filters.getTokens()).isTrue();
        assertThat(filters.getNfts()).isFalse();
        assertThat(filters.getIncoming()).isTrue();
        assertThat(filters.getOutgoing()).isFalse();
        assertThat(filters.getHideSpam()).isTrue();
        assertThat(filters.getMinNativeWei()).isEqualTo("500000000000000000");
        assertThat(filters.getQuietHours()).isEqualTo("22:00-07:00 Europe/Berlin");
    }

    @Test
    void shouldPublishFiltersWithOnlyAMinimumWhenTheRestIsDefault() {
        WatchFilters filters = ChatPreferences.DEFAULT.filters(BigInteger.TEN);

        assertThat(filters).isEqualTo(WatchFilters.newBuilder().setMinNativeWei("10").build());
    }

    @Test
    void shouldKeepKindsNotNamedWhenSomeAreSwitched() {
        ChatPreferences p = ChatPreferences.DEFAULT.withKinds(Map.of(Kind.TOKENS, false));

        assertThat(p.nativeTransfers()).isTrue();
        assertThat(p.tokens()).isFalse();
        assertThat(p.nfts()).isTrue();
        assertThat(p.incoming()).isTrue();
        assertThat(p.outgoing()).isTrue();
        assertThat(p.has(Kind.TOKENS)).isFalse();
    }

    @Test
    void shouldHearNothingWhenNoAssetOrNoDirectionIsLeft() {
        assertThat(ChatPreferences.DEFAULT.hearsSomething()).isTrue();
        assertThat(ChatPreferences.DEFAULT.withKinds(Map.of(Kind.NATIVE, false, Kind.TOKENS, false, Kind.NFTS, false,
                Kind.APPROVALS, false)).hearsSomething()).isFalse();
        assertThat(ChatPreferences.DEFAULT.withKinds(Map.of(Kind.IN, false, Kind.OUT, false, Kind.APPROVALS, false))
                .hearsSomething()).isFalse();
        assertThat(ChatPreferences.DEFAULT.withKinds(Map.of(Kind.IN, false, Kind.OUT, false)).hearsSomething()).as(
                "approvals have no direction").isTrue();
        assertThat(ChatPreferences.DEFAULT.withKinds(Map.of(Kind.NATIVE, false, Kind.TOKENS, false, Kind.OUT, false))
                .hearsSomething()).isTrue();
    }

    @Test
    void shouldPublishApprovalsAsAKindOfTheirOwn() {
        assertThat(ChatPreferences.DEFAULT.filters(null)).as("the default filters nothing").isNull();
        assertThat(ChatPreferences.DEFAULT.withKinds(Map.of(Kind.APPROVALS, false)).filters(null).getApprovals())
                .isFalse();
        assertThat(ChatPreferences.Kind.of("allowances")).contains(Kind.APPROVALS);
    }

    @Test
    void shouldReadKindWordsWhateverTheirCase() {
        assertThat(ChatPreferences.Kind.of("NFT")).contains(Kind.NFTS);
        assertThat(ChatPreferences.Kind.of("incoming")).contains(Kind.IN);
        assertThat(ChatPreferences.Kind.of("erc20")).contains(Kind.TOKENS);
        assertThat(ChatPreferences.Kind.of("spam")).isEmpty();
    }

    @Test
    void shouldDescribeKindsInWords() {
        assertThat(SettingsTexts.kinds(ChatPreferences.DEFAULT)).isEqualTo(
                "native coins, tokens and NFTs, incoming and outgoing, and approvals");
        assertThat(SettingsTexts.kinds(ChatPreferences.DEFAULT.withKinds(Map.of(Kind.NFTS, false, Kind.NATIVE, false,
                Kind.OUT, false, Kind.APPROVALS, false)))).isEqualTo("tokens, incoming only, no approvals");
    }
}
