package vn.dancu.credentials;

import java.util.List;
import java.util.Optional;
import vn.dancu.audit.AccessLog;

/**
 * Where credentials come from: the items of a person's wallet. Every call reads the person's data
 * and writes that read to the access log in the caller's transaction, with {@code reader} as actor.
 */
interface CredentialItems {

    /** Who reads, for the access log: the citizen themselves, or the platform checking what it issued. */
    record Reader(AccessLog.ActorType type, String actor, String purpose, AccessLog.Channel channel) {
    }

    List<CredentialItem> itemsOf(String personalId, Reader reader);

    default Optional<CredentialItem> item(String personalId, String itemId, Reader reader) {
        return itemsOf(personalId, reader).stream().filter(i -> i.id().equals(itemId)).findFirst();
    }
}
