package vn.dancu.identity;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling, for the modules that apply jurisdiction rules. */
public final class CurrentStaff {

    private CurrentStaff() {
    }

    public static Optional<Staff> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof Staff staff ? Optional.of(staff) : Optional.empty();
    }

    public static Staff require() {
        return get().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Staff only"));
    }
}
