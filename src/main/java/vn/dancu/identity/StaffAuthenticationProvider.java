package vn.dancu.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password login for staff, on the page and with HTTP Basic. After {@code max-failed-logins}
 * wrong passwords in a row the account is locked for {@code lockout}; while locked even the right
 * password is refused, so guessing cannot continue. Every outcome costs one hash and the answer
 * does not say whether the account exists or is locked, so neither the answer nor its time tells
 * an attacker which usernames are real.
 */
@Component
class StaffAuthenticationProvider implements AuthenticationProvider {

    private final StaffAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private final String dummyHash;
    private final SecondFactors secondFactors;

    StaffAuthenticationProvider(StaffAccountRepository accounts, PasswordEncoder passwords, Clock clock, SecondFactors secondFactors,
                                @Value("${dancu.security.max-failed-logins}") int maxFailures,
                                @Value("${dancu.security.lockout}") Duration lockout) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.secondFactors = secondFactors;
        this.dummyHash = passwords.encode("not-a-password-of-anyone");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = String.valueOf(authentication.getName()).strip().toLowerCase(java.util.Locale.ROOT);
        String password = String.valueOf(authentication.getCredentials());
        Optional<StaffAccountRepository.Account> found = accounts.find(username);
        if (found.isEmpty()) {
            passwords.matches(password, dummyHash);
            throw new BadCredentialsException("Wrong username or password");
        }
        StaffAccountRepository.Account account = found.get();
        Instant now = clock.instant();
        boolean matches = passwords.matches(password, account.passwordHash());
        if (account.lockedUntil() != null && account.lockedUntil().isAfter(now)) {
            throw new LockedException("Locked after repeated failed logins");
        }
        if (!account.enabled()) {
            throw new DisabledException("Account disabled");
        }
        if (!matches) {
            int failures = accounts.recordFailure(account.staff().id(), maxFailures, now.plus(lockout));
            throw failures >= maxFailures ? new LockedException("Locked after repeated failed logins")
                    : new BadCredentialsException("Wrong username or password");
        }
        Staff staff = account.staff();
        // The password is the whole login only where no second factor is required; else the login waits
        // for it (SecondFactorGate), and the failures count on until it is given: a right password must
        // not wipe out the wrong codes before it, or guessing codes could go on between logins.
        if (secondFactors.required(staff.id())) {
            return UsernamePasswordAuthenticationToken.authenticated(staff, null, authorities(account, now));
        }
        // Parallel guesses may have locked the account while this one was hashed: a lock wins.
        if (!accounts.recordSuccess(account.staff().id())) {
            throw new LockedException("Locked after repeated failed logins");
        }
        var authorities = new java.util.ArrayList<>(authorities(account, now));
        authorities.add(new SimpleGrantedAuthority(StaffLoginFactors.WAIVED));
        return UsernamePasswordAuthenticationToken.authenticated(staff, null, authorities);
    }

    /** The password's login of an account: what every login of it holds ({@link #of}) and the password factor with its time (the OIDC auth_time). */
    static List<org.springframework.security.core.GrantedAuthority> authorities(StaffAccountRepository.Account account, Instant at) {
        return of(account, org.springframework.security.core.authority.FactorGrantedAuthority
                .withAuthority(org.springframework.security.core.authority.FactorGrantedAuthority.PASSWORD_AUTHORITY).issuedAt(at).build());
    }

    /**
     * What every staff login holds, however it was made: the role first (pages show it), the mark of
     * a staff login, the account's security version ({@link SecurityStamp}), whether the password must
     * be changed before anything else ({@link PasswordChangeGate}), and the factors it used.
     */
    static List<org.springframework.security.core.GrantedAuthority> of(StaffAccountRepository.Account account,
                                                                      org.springframework.security.core.GrantedAuthority... factors) {
        Staff staff = account.staff();
        List<org.springframework.security.core.GrantedAuthority> authorities = new java.util.ArrayList<>(List.of(
                new SimpleGrantedAuthority("ROLE_" + staff.role().name()), new SimpleGrantedAuthority(Staff.AUTHORITY),
                SecurityStamp.of(account.securityVersion())));
        if (account.mustChangePassword()) {
            authorities.add(new SimpleGrantedAuthority(PasswordChangeGate.AUTHORITY));
        }
        authorities.addAll(List.of(factors));
        return authorities;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
