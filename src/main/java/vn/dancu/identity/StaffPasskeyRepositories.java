package vn.dancu.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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

/**
 * Staff passkeys for Spring Security's WebAuthn, in {@code identity.staff_passkey_user} and
 * {@code identity.staff_passkey}. Deliberately not beans: Spring's WebAuthn support takes the
 * repositories of that type from the context when a chain has none of its own, and the citizens'
 * chain keeps its passkeys elsewhere. The staff chain gets these through {@link StaffWebAuthn}.
 * A user entity's name is the staff username; its id, random bytes, is what authenticators keep.
 */
final class StaffPasskeyRepositories {

    final Users users;
    final Credentials credentials;

    StaffPasskeyRepositories(JdbcClient jdbc, SecondFactors factors) {
        this.users = new Users(jdbc);
        this.credentials = new Credentials(jdbc, factors);
    }

    /** The WebAuthn user entities of staff members. */
    static final class Users implements PublicKeyCredentialUserEntityRepository {

        private final JdbcClient jdbc;

        Users(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public PublicKeyCredentialUserEntity findById(Bytes id) {
            return jdbc.sql("""
                            select a.username, a.display_name, u.user_handle from identity.staff_passkey_user u
                            join identity.staff_account a on a.id = u.staff_id where u.user_handle = ?""")
                    .param(id.getBytes()).query((rs, n) -> entity(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional().orElse(null);
        }

        @Override
        public PublicKeyCredentialUserEntity findByUsername(String username) {
            return jdbc.sql("""
                            select a.username, a.display_name, u.user_handle from identity.staff_passkey_user u
                            join identity.staff_account a on a.id = u.staff_id where a.username = ?""")
                    .param(username).query((rs, n) -> entity(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional().orElse(null);
        }

        /** Called by WebAuthn on the first registration of a staff member (the name is the signed-in username). */
        @Override
        public void save(PublicKeyCredentialUserEntity userEntity) {
            int saved = jdbc.sql("""
                            insert into identity.staff_passkey_user (staff_id, user_handle)
                            select id, ? from identity.staff_account where username = ?
                            on conflict (staff_id) do nothing""")
                    .params(userEntity.getId().getBytes(), userEntity.getName()).update();
            if (saved == 0 && findByUsername(userEntity.getName()) == null) {
                throw new IllegalArgumentException("No staff account for the passkey's user");
            }
        }

        @Override
        public void delete(Bytes id) {
            jdbc.sql("delete from identity.staff_passkey_user where user_handle = ?").param(id.getBytes()).update();
        }

        private static PublicKeyCredentialUserEntity entity(String username, String displayName, byte[] handle) {
            return ImmutablePublicKeyCredentialUserEntity.builder().name(username).displayName(displayName).id(new Bytes(handle)).build();
        }
    }

    /** The staff's passkeys. */
    static final class Credentials implements UserCredentialRepository {

        private final JdbcClient jdbc;
        private final SecondFactors factors;

        Credentials(JdbcClient jdbc, SecondFactors factors) {
            this.jdbc = jdbc;
            this.factors = factors;
        }

        /**
         * A new credential (registration) is recorded as an enrolment; a known one (after each use) only
         * updates its counter and time of use.
         */
        @Override
        public void save(CredentialRecord record) {
            int updated = jdbc.sql("""
                            update identity.staff_passkey set signature_count = ?, last_used_at = ?, backup_state = ?
                            where credential_id = ?""")
                    .params(record.getSignatureCount(), record.getLastUsed() == null ? null : Timestamp.from(record.getLastUsed()),
                            record.isBackupState(), record.getCredentialId().getBytes())
                    .update();
            if (updated == 1) {
                return;
            }
            Long staffId = jdbc.sql("select staff_id from identity.staff_passkey_user where user_handle = ?")
                    .param(record.getUserEntityUserId().getBytes()).query(Long.class).optional().orElse(null);
            if (staffId == null) {
                throw new IllegalArgumentException("Unknown user handle");
            }
            String label = record.getLabel() == null ? "" : vn.dancu.platform.Text.canonical(record.getLabel());
            if (label.isEmpty() || label.length() > 64) {
                throw new IllegalArgumentException("A passkey needs a name of 1 to 64 characters");
            }
            factors.checkCanAddPasskey(staffId);
            jdbc.sql("""
                            insert into identity.staff_passkey (credential_id, staff_id, label, credential_type, public_key, signature_count,
                                uv_initialized, backup_eligible, backup_state, transports, attestation_object, client_data_json)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(record.getCredentialId().getBytes(), staffId, label,
                            record.getCredentialType() == null ? "public-key" : record.getCredentialType().getValue(),
                            record.getPublicKey().getBytes(), record.getSignatureCount(), record.isUvInitialized(),
                            record.isBackupEligible(), record.isBackupState(),
                            record.getTransports().stream().map(AuthenticatorTransport::getValue).sorted().collect(Collectors.joining(",")),
                            bytes(record.getAttestationObject()), bytes(record.getAttestationClientDataJSON()))
                    .update();
            factors.passkeyAdded(staffId, label);
        }

        @Override
        public void delete(Bytes credentialId) {
            jdbc.sql("delete from identity.staff_passkey where credential_id = ?").param(credentialId.getBytes()).update();
        }

        @Override
        public CredentialRecord findByCredentialId(Bytes credentialId) {
            return jdbc.sql(SELECT + " where c.credential_id = ?").param(credentialId.getBytes()).query(this::record).optional().orElse(null);
        }

        @Override
        public List<CredentialRecord> findByUserId(Bytes userId) {
            return jdbc.sql(SELECT + " where u.user_handle = ? order by c.created_at").param(userId.getBytes()).query(this::record).list();
        }

        private static final String SELECT = """
                select c.credential_id, u.user_handle, c.label, c.credential_type, c.public_key, c.signature_count, c.uv_initialized,
                       c.backup_eligible, c.backup_state, c.transports, c.attestation_object, c.client_data_json, c.created_at, c.last_used_at
                from identity.staff_passkey c join identity.staff_passkey_user u on u.staff_id = c.staff_id""";

        private CredentialRecord record(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
            Set<AuthenticatorTransport> transports = Arrays.stream(rs.getString(10).split(",")).filter(t -> !t.isBlank())
                    .map(AuthenticatorTransport::valueOf).collect(Collectors.toSet());
            Instant created = rs.getTimestamp(13).toInstant();
            return ImmutableCredentialRecord.builder()
                    .credentialId(new Bytes(rs.getBytes(1)))
                    .userEntityUserId(new Bytes(rs.getBytes(2)))
                    .label(rs.getString(3))
                    .credentialType(PublicKeyCredentialType.valueOf(rs.getString(4)))
                    .publicKey(new ImmutablePublicKeyCose(rs.getBytes(5)))
                    .signatureCount(rs.getLong(6))
                    .uvInitialized(rs.getBoolean(7))
                    .backupEligible(rs.getBoolean(8))
                    .backupState(rs.getBoolean(9))
                    .transports(transports)
                    .attestationObject(new Bytes(rs.getBytes(11)))
                    .attestationClientDataJSON(new Bytes(rs.getBytes(12)))
                    .created(created)
                    .lastUsed(rs.getTimestamp(14) == null ? created : rs.getTimestamp(14).toInstant())
                    .build();
        }

        private static byte[] bytes(Bytes bytes) {
            return bytes == null ? new byte[0] : bytes.getBytes();
        }
    }
}
