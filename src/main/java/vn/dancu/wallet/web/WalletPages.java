package vn.dancu.wallet.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import vn.dancu.eid.CitizenAccounts;
import vn.dancu.platform.Page;
import vn.dancu.platform.QrCodes;
import vn.dancu.registry.PersonFinder;
import vn.dancu.wallet.Wallet;
import vn.dancu.wallet.WalletItem;

/**
 * The citizen's wallet, {@code /eid/wallet}: the card with its QR code, the integrated documents and
 * the procedures' results, each downloadable as JSON, the QR as PNG. Level 2 only (Decree 69/2024:
 * a level-2 account stands for the ID card and shows the integrated documents); a level-1 login is
 * sent to the page that explains level 2.
 */
@Controller
@Page
class WalletPages {

    /** eid's LevelTwoRequiredPage. */
    static final String LEVEL_2_REQUIRED = "/eid/level-2";
    /** Pixels a QR module: about 330 px for a card's QR, sharp on a phone and on paper. */
    static final int QR_SCALE = 6;

    /** The whole wallet as a file: when it was read, whose it is, and the items. */
    record WalletFile(Instant readAt, String personalId, List<WalletItem> items) {
    }

    /** Who is reading: the citizen's number and their login's name for the access log. */
    private record Holder(String personalId, PersonFinder.Requester reader) {
    }

    private final Wallet wallet;
    private final CitizenAccounts accounts;
    private final Clock clock;

    WalletPages(Wallet wallet, CitizenAccounts accounts, Clock clock) {
        this.wallet = wallet;
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping("/eid/wallet")
    String wallet(Model model) {
        Optional<Holder> holder = holder();
        if (holder.isEmpty()) {
            return "redirect:" + LEVEL_2_REQUIRED;
        }
        List<WalletItem> items = wallet.itemsOf(holder.get().personalId(), holder.get().reader());
        WalletItem card = items.stream().filter(i -> i.kind() == WalletItem.Kind.ID_CARD).findFirst().orElse(null);
        model.addAttribute("card", card);
        // The QR goes in the page itself: one read of the wallet per visit, not a second one for the image.
        model.addAttribute("cardQr", card == null ? null
                : "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodes.png(Wallet.cardQrText(card), QR_SCALE)));
        model.addAttribute("documents", items.stream().filter(i -> i.kind() == WalletItem.Kind.DOCUMENT).toList());
        model.addAttribute("results", items.stream().filter(i -> i.kind() == WalletItem.Kind.RESULT).toList());
        return "wallet/wallet";
    }

    @GetMapping("/eid/wallet/download")
    ResponseEntity<?> download() {
        Optional<Holder> holder = holder();
        if (holder.isEmpty()) {
            return levelTwoRequired();
        }
        List<WalletItem> items = wallet.itemsOf(holder.get().personalId(), holder.get().reader());
        return attachment("wallet.json", MediaType.APPLICATION_JSON)
                .body(new WalletFile(clock.instant(), holder.get().personalId(), items));
    }

    @GetMapping("/eid/wallet/items/{itemId}")
    ResponseEntity<?> item(@PathVariable String itemId) {
        Optional<Holder> holder = holder();
        if (holder.isEmpty()) {
            return levelTwoRequired();
        }
        WalletItem item = wallet.item(holder.get().personalId(), itemId, holder.get().reader()).orElseThrow(WalletPages::notFound);
        return attachment(fileName(item) + ".json", MediaType.APPLICATION_JSON).body(item);
    }

    @GetMapping("/eid/wallet/card-qr.png")
    ResponseEntity<?> cardQr() {
        Optional<Holder> holder = holder();
        if (holder.isEmpty()) {
            return levelTwoRequired();
        }
        WalletItem card = wallet.item(holder.get().personalId(), Wallet.CARD_IN_USE, holder.get().reader())
                .orElseThrow(WalletPages::notFound);
        return attachment("the-can-cuoc-qr.png", MediaType.IMAGE_PNG).body(QrCodes.png(Wallet.cardQrText(card), QR_SCALE));
    }

    /** The citizen at level 2, or empty for a level-1 login (the chain lets only citizens in at all). */
    private Optional<Holder> holder() {
        if (accounts.currentLevel() < 2) {
            return Optional.empty();
        }
        String actor = SecurityContextHolder.getContext().getAuthentication().getName();
        return accounts.currentPersonalId().map(id -> new Holder(id, Wallet.self(actor)));
    }

    private static ResponseEntity<?> levelTwoRequired() {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(java.net.URI.create(LEVEL_2_REQUIRED)).build();
    }

    private static ResponseEntity.BodyBuilder attachment(String name, MediaType type) {
        return ResponseEntity.ok().contentType(type).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
    }

    /** The item's type and a part of its id that is the same for the same item: {@code driving_licence-MDAx}. */
    private static String fileName(WalletItem item) {
        String id = item.id().substring(item.id().lastIndexOf(':') + 1);
        return (item.type() + "-" + id).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
