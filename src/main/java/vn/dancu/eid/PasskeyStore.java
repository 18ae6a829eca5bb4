package vn.dancu.eid;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Repository;

/**
 * Citizens' passkeys in {@code eid.passkey_user} and {@code eid.passkey}. Spring Security's
 * repositories are views of this store ({@link #userEntities()}, {@link #credentials()}) handed to
 * the citizens' relying-party operations only: as beans they would also be found by the staff
 * chain's WebAuthn support, which has tables of its own.
 *
 * <p>A user entity is named by the login's principal name ({@code citizen:<account id>}, what
 * Spring looks it up by) but carries the personal ID number as its name and display name: that is
 * what the citizen types to log in, and what a shared device's passkey picker must tell apart.
 */
@Repository
class PasskeyStore {

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();
    private final UserEntities userEntities = new UserEntities();
    private final Credentials credentials = new Credentials();

    PasskeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PublicKeyCredentialUserEntityRepository userEntities() {
        return userEntities;
    }

    UserCredentialRepository credentials() {
        return credentials;
    }

    /** The account's user handle, made (32 random bytes) the first time it registers a passkey. */
    void ensureUserHandle(long accountId) {
        byte[] handle = new byte[32];
        random.nextBytes(handle);
        jdbc.sql("insert into eid.passkey_user (account_id, user_handle) values (?, ?) on conflict (account_id) do nothing")
                .params(accountId, handle).update();
    }

    List<EidViews.PasskeyView> of(long accountId) {
        return jdbc.sql("""
                        select id, label, created_at, last_used_at, backup_eligible from eid.passkey
                        where account_id = ? order by created_at, id""")
                .param(accountId)
                .query((rs, n) -> new EidViews.PasskeyView(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        instant(rs.getTimestamp(4)), rs.getBoolean(5))).list();
    }

    Optional<EidViews.PasskeyView> find(long accountId, long id) {
        return of(accountId).stream().filter(p -> p.id() == id).findFirst();
    }

    /** The account a credential belongs to, and whether it is synced between devices. */
    Optional<Owner> ownerOf(Bytes credentialId) {
        return jdbc.sql("select id, account_id, backup_eligible from eid.passkey where credential_id = ?")
                .param(credentialId.getBytes())
                .query((rs, n) -> new Owner(rs.getLong(1), rs.getLong(2), rs.getBoolean(3))).optional();
    }

    /** {@code id}: the passkey's row. */
    record Owner(long id, long accountId, boolean synced) {
    }

    boolean remove(long accountId, long id) {
        return jdbc.sql("delete from eid.passkey where account_id = ? and id = ?").params(accountId, id).update() == 1;
    }

    int removeAll(long accountId) {
        return jdbc.sql("delete from eid.passkey where account_id = ?").param(accountId).update();
    }

    int count(long accountId) {
        return jdbc.sql("select count(*) from eid.passkey where account_id = ?").param(accountId).query(Integer.class).single();
    }

    boolean labelTaken(long accountId, String label) {
        return jdbc.sql("select exists (select 1 from eid.passkey where account_id = ? and lower(label) = lower(?))")
                .params(accountId, label).query(Boolean.class).single();
    }

    /** The account was recovered through its phone, had passkeys, and the citizen has not yet said they checked them. */
    boolean toReviewAfterRecovery(long accountId) {
        return jdbc.sql("""
                        select exists (select 1 from eid.passkey where account_id = :account)
                            and exists (select 1 from eid.account_event r where r.account_id = :account and r.type = 'RECOVERED'
                                and not exists (select 1 from eid.account_event v where v.account_id = :account
                                    and v.type = 'PASSKEYS_REVIEWED' and v.id > r.id))""")
                .param("account", accountId).query(Boolean.class).single();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Spring Security's view of the user entities. */
    private final class UserEntities implements PublicKeyCredentialUserEntityRepository {

        private static final String SELECT = """
                select u.user_handle, a.id, a.personal_id from eid.passkey_user u join eid.citizen_account a on a.id = u.account_id""";

        @Override
        public PublicKeyCredentialUserEntity findById(Bytes id) {
            return jdbc.sql(SELECT + " where u.user_handle = ?").param(id.getBytes()).query(this::map).optional().orElse(null);
        }

        @Override
        public PublicKeyCredentialUserEntity findByUsername(String username) {
            Optional<Long> account = accountId(username);
            return account.isEmpty() ? null
                    : jdbc.sql(SELECT + " where u.account_id = ?").param(account.get()).query(this::map).optional().orElse(null);
        }

        /** Only for a principal name: the store makes its own handles ({@link #ensureUserHandle}). */
        @Override
        public void save(PublicKeyCredentialUserEntity userEntity) {
            long account = accountId(userEntity.getName())
                    .orElseThrow(() -> new IllegalArgumentException("Not a citizen's principal name"));
            jdbc.sql("insert into eid.passkey_user (account_id, user_handle) values (?, ?) on conflict (account_id) do nothing")
                    .params(account, userEntity.getId().getBytes()).update();
        }

        @Override
        public void delete(Bytes id) {
            jdbc.sql("delete from eid.passkey where account_id = (select account_id from eid.passkey_user where user_handle = ?)")
                    .param(id.getBytes()).update();
            jdbc.sql("delete from eid.passkey_user where user_handle = ?").param(id.getBytes()).update();
        }

        private PublicKeyCredentialUserEntity map(ResultSet rs, int row) throws SQLException {
            return ImmutablePublicKeyCredentialUserEntity.builder().id(new Bytes(rs.getBytes(1)))
                    .name(rs.getString(3)).displayName(rs.getString(3)).build();
        }

        private static Optional<Long> accountId(String principalName) {
            if (principalName == null || !principalName.matches(CitizenPrincipal.NAME_PREFIX + "[0-9]{1,18}")) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(principalName.substring(CitizenPrincipal.NAME_PREFIX.length())));
        }
    }

    /** Spring Security's view of the credentials. */
    private final class Credentials implements UserCredentialRepository {

        private static final String SELECT = """
                select p.credential_id, u.user_handle, p.label, p.public_key, p.signature_count, p.uv_initialized,
                    p.backup_eligible, p.backup_state, p.transports, p.attestation_object, p.client_data_json, p.created_at,
                    p.last_used_at
                from eid.passkey p join eid.passkey_user u on u.account_id = p.account_id""";

        @Override
        public void delete(Bytes credentialId) {
            jdbc.sql("delete from eid.passkey where credential_id = ?").param(credentialId.getBytes()).update();
        }

        /**
         * A new credential is inserted for the account whose user handle it names; a known one only
         * moves its signature count and last use (what an authentication changes).
         */
        @Override
        public void save(CredentialRecord record) {
            int updated = jdbc.sql("""
                            update eid.passkey set signature_count = ?, backup_state = ?, last_used_at = ?
                            where credential_id = ?""")
                    .params(record.getSignatureCount(), record.isBackupState(), Timestamp.from(record.getLastUsed()),
                            record.getCredentialId().getBytes()).update();
            if (updated == 1) {
                return;
            }
            String[] transports = record.getTransports() == null ? new String[0]
                    : record.getTransports().stream().map(AuthenticatorTransport::getValue).sorted().toArray(String[]::new);
            jdbc.sql("""
                            insert into eid.passkey (account_id, credential_id, label, public_key, signature_count, uv_initialized,
                                backup_eligible, backup_state, transports, attestation_object, client_data_json)
                            select account_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from eid.passkey_user where user_handle = ?""")
                    .params(record.getCredentialId().getBytes(), record.getLabel(), record.getPublicKey().getBytes(),
                            record.getSignatureCount(), record.isUvInitialized(), record.isBackupEligible(), record.isBackupState(),
                            transports, record.getAttestationObject().getBytes(),
                            record.getAttestationClientDataJSON() == null ? null : record.getAttestationClientDataJSON().getBytes(),
                            record.getUserEntityUserId().getBytes())
                    .update();
        }

        @Override
        public CredentialRecord findByCredentialId(Bytes credentialId) {
            return jdbc.sql(SELECT + " where p.credential_id = ?").param(credentialId.getBytes()).query(this::map).optional()
                    .orElse(null);
        }

        @Override
        public List<CredentialRecord> findByUserId(Bytes userId) {
            return jdbc.sql(SELECT + " where u.user_handle = ? order by p.id").param(userId.getBytes()).query(this::map).list();
        }

        private CredentialRecord map(ResultSet rs, int row) throws SQLException {
            Array array = rs.getArray(9);
            Set<AuthenticatorTransport> transports = array == null ? Set.of()
                    : Arrays.stream((String[]) array.getArray()).map(AuthenticatorTransport::valueOf).collect(Collectors.toSet());
            byte[] clientData = rs.getBytes(11);
            Timestamp lastUsed = rs.getTimestamp(13);
            return ImmutableCredentialRecord.builder()
                    .credentialType(PublicKeyCredentialType.PUBLIC_KEY)
                    .credentialId(new Bytes(rs.getBytes(1)))
                    .userEntityUserId(new Bytes(rs.getBytes(2)))
                    .label(rs.getString(3))
                    .publicKey(new ImmutablePublicKeyCose(rs.getBytes(4)))
                    .signatureCount(rs.getLong(5))
                    .uvInitialized(rs.getBoolean(6))
                    .backupEligible(rs.getBoolean(7))
                    .backupState(rs.getBoolean(8))
                    .transports(transports)
                    .attestationObject(new Bytes(rs.getBytes(10)))
                    .attestationClientDataJSON(clientData == null ? null : new Bytes(clientData))
                    .created(rs.getTimestamp(12).toInstant())
                    .lastUsed(lastUsed == null ? rs.getTimestamp(12).toInstant() : lastUsed.toInstant())
                    .build();
        }
    }
}
