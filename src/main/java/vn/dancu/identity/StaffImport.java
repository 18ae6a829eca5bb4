package vn.dancu.identity;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Csv;
import vn.dancu.platform.FieldErrors;
import vn.dancu.units.AdministrativeUnit;

/**
 * The officers of a province from a CSV file (docs/staff-import-format.md): every row is checked
 * first and all errors are answered at once, each with its line and column; one wrong row and
 * nothing is written. Otherwise every account is created in one transaction with a one-time
 * password, answered once.
 */
@Service
public class StaffImport {

    static final List<String> HEADER = List.of("username", "displayName", "role", "unit");
    static final int MAX_ROWS = 2_000;
    static final int MAX_BYTES = 1 << 20;

    public record Account(long line, String username, String displayName, StaffRole role, StaffRules.Unit jurisdiction,
                   String oneTimePassword) {
    }

    public record Imported(String province, List<Account> accounts) {
    }

    private record Valid(long line, String username, String displayName, StaffRole role, Long unitId) {
    }

    private final StaffRules rules;
    private final StaffAccountRepository accounts;
    private final StaffPasswords passwords;
    private final StaffChanges changes;
    private final StaffAdministration administration;
    private final TransactionTemplate transactions;

    StaffImport(StaffRules rules, StaffAccountRepository accounts, StaffPasswords passwords, StaffChanges changes,
                StaffAdministration administration, TransactionTemplate transactions) {
        this.rules = rules;
        this.accounts = accounts;
        this.passwords = passwords;
        this.changes = changes;
        this.administration = administration;
        this.transactions = transactions;
    }

    Imported importCsv(Staff actor, String provinceCode, String reasonText, String csv) {
        FieldErrors errors = new FieldErrors();
        String reason = StaffRules.reason(errors, reasonText);
        AdministrativeUnit province = null;
        if (provinceCode == null || provinceCode.isBlank()) {
            errors.add("province", "REQUIRED", "province is required: the code of the province whose officers the file lists");
        } else if (!provinceCode.strip().matches("[0-9]{2}")) {
            errors.add("province", "INVALID_FORMAT", "A province code has 2 digits");
        } else {
            province = rules.inForce(errors, "province", provinceCode.strip()).orElse(null);
        }
        if (csv == null || csv.isBlank()) {
            errors.add("file", "REQUIRED", "The CSV file is empty");
        } else if (csv.length() > MAX_BYTES) {
            errors.add("file", "TOO_LARGE", "The file has more than " + MAX_BYTES + " characters");
        }
        errors.throwIfAny();
        List<Valid> rows = validate(errors, province, csv);
        errors.throwIfAny();
        // Hashing costs about 50 ms an account: done before the transaction, on every core.
        List<String> oneTime = rows.stream().map(r -> passwords.oneTime()).toList();
        List<String> hashes = oneTime.parallelStream().map(passwords::hash).toList();
        AdministrativeUnit scope = province;
        try {
            return transactions.execute(status -> {
                accounts.lockAdministration();
                List<Account> created = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    Valid row = rows.get(i);
                    long id = accounts.insert(row.username(), hashes.get(i), row.displayName(), row.role(), row.unitId(), true);
                    changes.record(actor, id, row.username(), StaffChanges.Type.CREATED, reason + " (nhập từ tệp, dòng " + row.line() + ")",
                            null, administration.fields(row.displayName(), row.role(), row.unitId(), true));
                    created.add(new Account(row.line(), row.username(), row.displayName(), row.role(), rules.unit(row.unitId()),
                            oneTime.get(i)));
                }
                return new Imported(scope.code() + " " + scope.name(), created);
            });
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("USERNAME_TAKEN", "An account of the file was created by someone else meanwhile; nothing was imported");
        }
    }

    private List<Valid> validate(FieldErrors errors, AdministrativeUnit province, String csv) {
        List<Valid> rows = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        try (Csv reader = new Csv(new StringReader(csv), false)) {
            Csv.Row header = reader.next();
            if (header == null || !Csv.isHeader(header, HEADER)) {
                errors.add("file", "BAD_HEADER", "The first line must be " + String.join(",", HEADER));
                return rows;
            }
            int lines = 0;
            for (Csv.Row row = reader.next(); row != null; row = reader.next()) {
                if (++lines > MAX_ROWS) {
                    errors.add("file", "TOO_MANY_ROWS", "At most " + MAX_ROWS + " officers per file");
                    return rows;
                }
                String at = "lines[" + row.line() + "]";
                if (row instanceof Csv.Malformed malformed) {
                    errors.add(at, "MALFORMED_LINE", malformed.reason());
                    continue;
                }
                Csv.Record record = (Csv.Record) row;
                if (record.fields().size() != HEADER.size()) {
                    errors.add(at, "WRONG_FIELD_COUNT", "A line has " + HEADER.size() + " fields, this one " + record.fields().size());
                    continue;
                }
                FieldErrors line = new FieldErrors();
                String username = StaffRules.username(line, at + ".username", record.get(0));
                String displayName = StaffRules.displayName(line, at + ".displayName", record.get(1));
                StaffRole role = StaffRules.role(line, at + ".role", record.get(2));
                if (role != null && !role.needsJurisdiction()) {
                    line.add(at + ".role", "ROLE_NOT_PROVINCIAL", "A province's file lists officers of its communes and of the province; "
                            + role + " acts for the whole country: create it on its own");
                    role = null;
                }
                Long unit = rules.jurisdiction(line, at + ".unit", role, record.get(3), province);
                if (username != null) {
                    Long first = seen.putIfAbsent(username, row.line());
                    if (first != null) {
                        line.add(at + ".username", "DUPLICATE_IN_FILE", "The username " + username + " is on line " + first + " too");
                    } else if (accounts.exists(username)) {
                        line.add(at + ".username", "USERNAME_TAKEN", "The username " + username + " is taken");
                    }
                }
                if (line.isEmpty()) {
                    rows.add(new Valid(row.line(), username, displayName, role, unit));
                } else {
                    errors.addAll(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add("file", "NO_ROWS", "The file lists no officer");
        }
        return rows;
    }

}
