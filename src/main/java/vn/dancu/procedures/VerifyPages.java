package vn.dancu.procedures;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.RequestContextUtils;
import vn.dancu.procedures.results.Verdict;

/**
 * The public check of signed results: the page the QR code on a result leads to, and an upload
 * form for a PDF or a JWS someone was handed. The page shows whether the document is genuine and
 * what it is, but only the holder's initials and the last digits of their number: whoever holds
 * the paper can read the rest on it, and the page must not become a lookup of personal data.
 */
@Controller
@vn.dancu.platform.Page
class VerifyPages {

    /** The labels under which a result names the person it is about, in the order they are looked for. */
    private static final List<String> NAME_LABELS = List.of("Họ, chữ đệm, tên", "Họ và tên", "Họ và tên người chết",
            "Người lưu trú", "Bên thứ nhất");

    private final Results results;
    private final Procedures procedures;

    VerifyPages(Results results, Procedures procedures) {
        this.results = results;
        this.procedures = procedures;
    }

    @GetMapping("/verify/{id}")
    String result(@PathVariable String id, Model model, jakarta.servlet.http.HttpServletRequest request) {
        Results.Result result = ProcedurePages.parseUuid(id).flatMap(results::find).orElseThrow(ProcedurePages::notFound);
        boolean en = ProcedurePages.english(RequestContextUtils.getLocale(request));
        Optional<Verdict> pdf = results.pdf(result.id()).map(results::verify);
        Optional<Verdict> jws = results.jws(result.id()).map(s -> results.verify(s.getBytes(StandardCharsets.UTF_8)));
        boolean pdfValid = pdf.filter(v -> v.valid() && result.id().equals(v.documentId())).isPresent();
        boolean jwsValid = jws.filter(v -> v.valid() && result.id().equals(v.documentId())).isPresent();
        Map<String, Object> payload = jwsValid ? jws.get().payload() : Map.of();
        String title = text(payload.get("title"), en ? "en" : "vi").orElseGet(() -> procedures.resultTitle(result.kind(),
                en ? java.util.Locale.ENGLISH : Procedures.VIETNAMESE));
        model.addAttribute("id", result.id().toString());
        model.addAttribute("valid", pdfValid && jwsValid);
        model.addAttribute("pdfVerdict", pdf.map(v -> pdfValid ? Verdict.VALID : v.valid() ? Verdict.MALFORMED : v.code())
                .map(code -> explain(code, en)).orElse(en ? "Missing" : "Không có"));
        model.addAttribute("jwsVerdict", jws.map(v -> jwsValid ? Verdict.VALID : v.valid() ? Verdict.MALFORMED : v.code())
                .map(code -> explain(code, en)).orElse(en ? "Missing" : "Không có"));
        model.addAttribute("title", title);
        model.addAttribute("agency", Agency.of(result.agency())
                .map(a -> a.ministryVi).orElse(result.agency()));
        model.addAttribute("issuer", text(payload.get("issuer"), "name").orElse(null));
        model.addAttribute("signer", jws.filter(v -> jwsValid).map(Verdict::signer)
                .or(() -> pdf.filter(v -> pdfValid).map(Verdict::signer)).orElse(null));
        model.addAttribute("issuedAt", ProcedurePages.time(result.issuedAt()));
        model.addAttribute("applicationCode", result.applicationCode());
        model.addAttribute("holderId", maskPersonalId(result.personalId()));
        model.addAttribute("holderInitials", payload.get("fields") instanceof Map<?, ?> fields
                ? NAME_LABELS.stream().map(fields::get).filter(v -> v instanceof String s && !s.isBlank()).findFirst()
                        .map(v -> initials((String) v)).orElse(null)
                : null);
        return "procedures/verify-result";
    }

    @GetMapping("/verify")
    String upload(Model model) {
        model.addAttribute("checked", false);
        return "procedures/verify";
    }

    @PostMapping("/verify")
    String check(@RequestParam(required = false) MultipartFile file, Model model,
                 jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        Locale locale = RequestContextUtils.getLocale(request);
        boolean en = ProcedurePages.english(locale);
        model.addAttribute("checked", true);
        if (file == null || file.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("error", en ? "Choose a file to check." : "Hãy chọn tệp cần kiểm tra.");
            return "procedures/verify";
        }
        if (file.getSize() > Results.MAX_CHECKED_BYTES) {
            response.setStatus(413);
            model.addAttribute("error", en ? "The file is larger than the documents issued here (at most 10 MiB)."
                    : "Tệp lớn hơn các giấy tờ được cấp tại đây (tối đa 10 MiB).");
            return "procedures/verify";
        }
        Verdict verdict = results.verify(ProcedurePages.bytes(file));
        List<String[]> facts = new ArrayList<>();
        if (verdict.documentId() != null) {
            facts.add(new String[] {en ? "Document number" : "Mã giấy tờ", verdict.documentId().toString()});
        }
        if (verdict.agency() != null) {
            facts.add(new String[] {en ? "Issuing agency" : "Cơ quan cấp", Agency.of(verdict.agency())
                    .map(a -> a.ministryVi).orElse(verdict.agency())});
        }
        if (verdict.signer() != null) {
            facts.add(new String[] {en ? "Signed by (certificate)" : "Chứng thư số ký", verdict.signer()});
        }
        text(verdict.payload().get("title"), en ? "en" : "vi").ifPresent(t -> facts.add(new String[] {en ? "Document" : "Loại giấy tờ", t}));
        Optional.ofNullable(verdict.payload().get("signedAt")).or(() -> Optional.ofNullable(verdict.payload().get("issuedAt")))
                .map(String::valueOf).map(VerifyPages::instant)
                .ifPresent(t -> facts.add(new String[] {en ? "Signed at" : "Thời điểm ký", t}));
        model.addAttribute("valid", verdict.valid());
        model.addAttribute("code", verdict.code());
        model.addAttribute("explanation", explain(verdict.code(), en));
        model.addAttribute("facts", facts);
        model.addAttribute("documentId", verdict.valid() ? verdict.documentId().toString() : null);
        model.addAttribute("filename", file.getOriginalFilename());
        return "procedures/verify";
    }

    /** What a verdict's code means, for someone holding the document. */
    static String explain(String code, boolean en) {
        return switch (code) {
            case Verdict.VALID -> en ? "The signature is valid: the document was issued by this agency and has not been changed since."
                    : "Chữ ký số hợp lệ: giấy tờ do cơ quan này cấp và không bị thay đổi kể từ khi ký.";
            case Verdict.NOT_A_PDF -> en ? "The file is not a PDF document." : "Tệp không phải là tài liệu PDF.";
            case Verdict.NO_SIGNATURE -> en ? "The PDF carries no digital signature." : "Tệp PDF không có chữ ký số.";
            case Verdict.NOT_COVERED -> en ? "Something was added to or changed in the file after it was signed."
                    : "Tệp đã bị thêm hoặc sửa nội dung sau khi ký.";
            case Verdict.DIGEST_MISMATCH -> en ? "The content differs from what was signed: the document has been altered."
                    : "Nội dung khác với nội dung đã ký: giấy tờ đã bị chỉnh sửa.";
            case Verdict.BAD_SIGNATURE -> en ? "The digital signature does not verify." : "Chữ ký số không đúng.";
            case Verdict.UNTRUSTED_CERTIFICATE -> en ? "The signing certificate is not one of an agency of this platform, or was not valid when signing."
                    : "Chứng thư số dùng để ký không phải của cơ quan thuộc hệ thống này, hoặc không còn hiệu lực tại thời điểm ký.";
            case Verdict.WRONG_AGENCY -> en ? "The document names another agency than the one whose key signed it."
                    : "Giấy tờ ghi tên cơ quan khác với cơ quan đã ký.";
            case Verdict.MALFORMED -> en ? "The file is not in the form in which results are issued."
                    : "Tệp không đúng định dạng của giấy tờ điện tử được cấp.";
            case "NOT_ISSUED_HERE" -> en ? "The signature is an agency's, but this document is not in the platform's records."
                    : "Chữ ký đúng của cơ quan, nhưng giấy tờ này không có trong hồ sơ lưu trữ của hệ thống.";
            default -> code;
        };
    }

    /** 001290012345 → •••••••••345. */
    static String maskPersonalId(String personalId) {
        if (personalId == null || personalId.length() <= 3) {
            return "•••";
        }
        return "•".repeat(personalId.length() - 3) + personalId.substring(personalId.length() - 3);
    }

    /** Phạm Gia Bảo → P. G. B. */
    static String initials(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                out.append(new String(Character.toChars(Character.toUpperCase(word.codePointAt(0))))).append(". ");
            }
        }
        return out.toString().strip();
    }

    private static Optional<String> text(Object map, String key) {
        return map instanceof Map<?, ?> m && m.get(key) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    private static String instant(String iso) {
        try {
            return ProcedurePages.time(java.time.Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }
}
