package vn.dancu.credentials;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import vn.dancu.eid.CitizenAccounts;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Page;
import vn.dancu.platform.QrCodes;
import vn.dancu.wallet.Wallet;
import vn.dancu.wallet.WalletItem;

/**
 * The citizen's credentials (level 2, own items only): a wallet item issued as an SD-JWT VC bound
 * to the key the browser keeps (/js/credential-wallet.js), the claims to disclose ticked, and the
 * presentation shown as a QR code and a file; or an OID4VCI offer for a wallet app. The issued
 * credential is handed to the browser and kept there, never in an address or a log.
 */
@Controller
@Page
@io.swagger.v3.oas.annotations.Hidden // the page's own call (the QR code) is not the API
class CredentialPages {

    static final String BASE = "/eid/wallet/credentials";

    private final CitizenAccounts accounts;
    private final Wallet wallet;
    private final CredentialIssuance issuance;
    private final PreAuthorizedCodes codes;
    private final Oid4vci oid4vci;

    CredentialPages(CitizenAccounts accounts, Wallet wallet, CredentialIssuance issuance, PreAuthorizedCodes codes,
                    Oid4vci oid4vci) {
        this.accounts = accounts;
        this.wallet = wallet;
        this.issuance = issuance;
        this.codes = codes;
        this.oid4vci = oid4vci;
    }

    @GetMapping(BASE + "/{itemId}")
    String item(@PathVariable String itemId, Model model) {
        if (!levelTwo()) {
            return "redirect:/eid/level-2";
        }
        WalletItem item = wallet.item(personalId(), itemId, Wallet.self(actor()))
                .orElseThrow(() -> ApiProblem.notFound("ITEM_NOT_FOUND", "The wallet has no such item"));
        model.addAttribute("view", new CredentialViews.ItemPage(item, claims(item), null, null, false, null,
                Oid4vci.TYPES.contains(item.type())));
        return "credentials/item";
    }

    /** Issues the item, bound to {@code holderKey} (a public JWK) when the browser sent one. */
    @PostMapping(BASE + "/{itemId}")
    String issue(@PathVariable String itemId, @RequestParam(defaultValue = "") String holderKey, Model model) {
        if (!levelTwo()) {
            return "redirect:/eid/level-2";
        }
        CredentialIssuance.Issued issued = issuance.issue(personalId(), itemId, holderKey(holderKey),
                CredentialIssuance.Channel.WALLET, actor());
        Map<String, String> disclosures = disclosures(issued.serialized());
        model.addAttribute("view", new CredentialViews.ItemPage(issued.item(), claims(issued.item()), issued.serialized(),
                JSONObjectUtils.toJSONString(new java.util.LinkedHashMap<>(disclosures)), issued.bound(), issued.expiresAt(), false));
        return "credentials/item";
    }

    /** The QR code of a presentation the browser assembled; one too large for a QR code is refused, and the file offered. */
    @PostMapping(BASE + "/{itemId}/qr")
    @ResponseBody
    ResponseEntity<Map<String, Object>> qr(@PathVariable String itemId, @RequestBody Map<String, String> body) {
        String presentation = body == null ? null : body.get("presentation");
        if (!levelTwo()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("code", "LEVEL_2_REQUIRED"));
        }
        if (presentation == null || !presentation.matches("[A-Za-z0-9_\\-.~]{1,4000}")) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("code", "PRESENTATION_MALFORMED"));
        }
        try {
            // a screen shows it, so the lowest error correction (L) leaves the most room; two pixels a module keep it sharp
            byte[] png = QrCodes.png(presentation, 2, com.google.zxing.qrcode.decoder.ErrorCorrectionLevel.L);
            return ResponseEntity.ok(Map.of("qr", "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png),
                    "length", presentation.length()));
        } catch (IllegalArgumentException tooLong) {
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(Map.of("code", "QR_TOO_LARGE"));
        }
    }

    @PostMapping(BASE + "/{itemId}/offer")
    String offer(@PathVariable String itemId, Model model) {
        if (!levelTwo()) {
            return "redirect:/eid/level-2";
        }
        PreAuthorizedCodes.Offer offer = codes.offer(personalId(), itemId, actor());
        String uri = oid4vci.offerUri(offer);
        model.addAttribute("view", new CredentialViews.OfferPage(offer.item(), uri, QrCodes.svgDataUri(uri), offer.txCode(), offer.expiresAt()));
        return "credentials/offer";
    }

    /** The item's claims in the wallet's order, then the ages derived from the date of birth. */
    private static List<CredentialViews.Claim> claims(WalletItem item) {
        List<CredentialViews.Claim> claims = new ArrayList<>();
        Map<String, Object> all = SdJwtVc.withAgeClaims(item.claims(), java.time.LocalDate.now(CredentialIssuance.VIETNAM));
        item.claimNames().stream().filter(all::containsKey).forEach(n -> claims.add(new CredentialViews.Claim(n, String.valueOf(all.get(n)))));
        all.forEach((name, value) -> {
            if (!item.claimNames().contains(name)) {
                claims.add(new CredentialViews.Claim(name, String.valueOf(value)));
            }
        });
        return claims;
    }

    /** The disclosures of a credential just issued, by claim name, for the browser to pick from. */
    private static Map<String, String> disclosures(String serialized) {
        Map<String, String> byName = new java.util.LinkedHashMap<>();
        String[] parts = serialized.split("~");
        for (int i = 1; i < parts.length; i++) {
            byName.put(com.authlete.sd.Disclosure.parse(parts[i]).getClaimName(), parts[i]);
        }
        return byName;
    }

    private static ECKey holderKey(String jwk) {
        if (jwk.isBlank()) {
            return null;
        }
        try {
            return ECKey.parse(jwk);
        } catch (ParseException e) {
            throw ApiProblem.invalidField("holderKey", "HOLDER_KEY_INVALID", "The holder key is a public P-256 JWK");
        }
    }

    private String personalId() {
        return accounts.currentPersonalId().orElseThrow(() -> ApiProblem.forbidden("FORBIDDEN", "Log in as the citizen"));
    }

    private static String actor() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    private boolean levelTwo() {
        return accounts.currentLevel() == 2;
    }
}
