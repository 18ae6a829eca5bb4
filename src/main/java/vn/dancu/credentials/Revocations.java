package vn.dancu.credentials;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dancu.audit.AccessLog;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.RegistryEvent;
import vn.dancu.wallet.Wallet;
import vn.dancu.wallet.WalletItem;

/**
 * Keeps the status lists in step with the registry, inside the transaction of the registry's change
 * (a plain listener of {@link RegistryEvent}, which is published in it): a revocation commits with
 * the change that causes it or neither does, so none is lost to a crash between the two. A death
 * revokes everything the person holds; a new card, or a document recorded again, revokes the
 * credentials whose item is no longer valid (the old card is REPLACED, a withdrawn or expired document).
 * A person holding no credential costs one indexed query and no read of their data.
 */
@Component
class Revocations {

    private final JdbcClient jdbc;
    private final Wallet wallet;
    private final StatusLists statusLists;

    Revocations(JdbcClient jdbc, Wallet wallet, StatusLists statusLists) {
        this.jdbc = jdbc;
        this.wallet = wallet;
        this.statusLists = statusLists;
    }

    @EventListener
    void on(RegistryEvent event) {
        switch (event) {
            case RegistryEvent.Died died -> statusLists.revoke(held(died.personalId()).keySet(), "DIED");
            case RegistryEvent.CardIssued card -> revokeNoLongerValid(card.personalId(), "CARD_REPLACED");
            case RegistryEvent.DocumentRecorded document -> revokeNoLongerValid(document.personalId(), "DOCUMENT_CHANGED");
            default -> {
            }
        }
    }

    private void revokeNoLongerValid(String personalId, String reason) {
        Map<UUID, String> held = held(personalId);
        if (held.isEmpty()) {
            return;
        }
        PersonFinder.Requester system = new PersonFinder.Requester(AccessLog.ActorType.SYSTEM, "credentials",
                "Thu hồi chứng chỉ số khi dữ liệu dân cư thay đổi", AccessLog.Channel.BATCH);
        Map<String, Boolean> stillValid = held.values().stream().distinct().collect(Collectors.toMap(Function.identity(),
                itemId -> wallet.item(personalId, itemId, system).map(i -> i.status() == WalletItem.Status.VALID).orElse(false)));
        List<UUID> stale = held.entrySet().stream().filter(h -> !stillValid.get(h.getValue())).map(Map.Entry::getKey).toList();
        statusLists.revoke(stale, reason);
    }

    /** The person's credentials not yet revoked, with the wallet item each was made from. */
    private Map<UUID, String> held(String personalId) {
        return jdbc.sql("select id, item_id from credentials.credential where personal_id = ? and revoked_at is null")
                .param(personalId).query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
