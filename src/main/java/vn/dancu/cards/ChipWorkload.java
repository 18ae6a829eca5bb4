package vn.dancu.cards;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * Chip images for {@code ./dancu bench cards}: genuine cards of generated holders made by a test
 * CSCA, checked two ways on the same bytes. {@link #inspect} is the platform's check without the
 * registry (passive authentication with the trust store, the MRZ, DG13, DG2, DG14/DG15);
 * {@link #bare} is the cryptography it cannot avoid, done directly with JCA: the SOD's signature
 * over its signed attributes (taken out of the CMS beforehand) and the SHA-256 of every group.
 */
public final class ChipWorkload {

    private record Bare(byte[] signedAttributes, byte[] signature, PublicKey key, String algorithm, List<byte[]> groups) {
    }

    private final List<ChipImage> images = new ArrayList<>();
    private final List<Bare> bare = new ArrayList<>();
    private final CscaTrust trust;
    private final Instant now;

    private ChipWorkload(int cards, long seed) {
        now = Instant.now();
        CscaAuthority authority = CscaAuthority.generate(now.minus(Duration.ofDays(30)));
        trust = CscaTrust.of(authority.csca().certificate()).withCrl(1, authority.crl(now.minus(Duration.ofDays(1)), Duration.ofDays(30)));
        ChipMaker maker = new ChipMaker(authority);
        Random random = new Random(seed);
        for (int i = 0; i < cards; i++) {
            ChipImage image = maker.make(holder(random, i), ChipVariant.VALID, now).image();
            images.add(image);
            bare.add(bare(image));
        }
    }

    public static ChipWorkload generate(int cards, long seed) {
        return new ChipWorkload(cards, seed);
    }

    public int size() {
        return images.size();
    }

    /** The platform's check of card {@code i}; fails loudly if the genuine card is not accepted. */
    public void inspect(int i) {
        ChipInspection.Report report = ChipInspection.inspect(images.get(i), trust, now, null, false);
        if (!report.authentic()) {
            throw new IllegalStateException("A genuine benchmark card was refused: " + report.failures());
        }
    }

    /** The bare cryptography of card {@code i}: one signature verification and the group hashes. */
    public void bare(int i) {
        Bare b = bare.get(i);
        try {
            Signature verifier = Signature.getInstance(b.algorithm());
            verifier.initVerify(b.key());
            verifier.update(b.signedAttributes());
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            int sink = 0;
            for (byte[] group : b.groups()) {
                sink += sha256.digest(group)[0];
            }
            if (!verifier.verify(b.signature()) || sink == Integer.MIN_VALUE) {
                throw new IllegalStateException("The bare verification failed");
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes one card sends: EF.SOD and the groups. */
    public int bytesPerCard() {
        ChipImage image = images.getFirst();
        return image.sod().length + image.groups().values().stream().mapToInt(g -> g.length).sum();
    }

    private static Bare bare(ChipImage image) {
        try {
            CMSSignedData cms = new CMSSignedData(ChipTlv.whole(image.sod(), 0x77, ChipCode.SOD_MALFORMED, 0).value());
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            PublicKey key = ChipSecurityObject.read(image.sod()).signerKey();
            return new Bare(signer.getEncodedSignedAttributes(), signer.getSignature(), key, "SHA256withECDSA",
                    List.copyOf(image.groups().values()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Dg13Data holder(Random random, int i) {
        String[] family = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"};
        String[] given = {"Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Long", "Thị Trang", "Hữu Phúc"};
        LocalDate birth = LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String number = String.format("%03d%d%02d%06d", 1 + random.nextInt(96), birth.getYear() < 2000 ? 0 : 2, birth.getYear() % 100,
                i % 1_000_000);
        LocalDate issued = LocalDate.of(2021 + random.nextInt(4), 1 + random.nextInt(12), 1 + random.nextInt(28));
        return new Dg13Data(number, family[random.nextInt(family.length)] + " " + given[random.nextInt(given.length)],
                Dg13Data.text(birth), birth.getYear() % 2 == 0 ? "Nam" : "Nữ", "Việt Nam", "Kinh", "Không", "Hà Nội",
                (1 + random.nextInt(200)) + " Phố Kim Mã, Phường Ba Đình, Hà Nội", null, Dg13Data.text(issued),
                Dg13Data.text(issued.plusYears(15)), "Nguyễn Văn Cha", "Lê Thị Mẹ", null, null);
    }
}
