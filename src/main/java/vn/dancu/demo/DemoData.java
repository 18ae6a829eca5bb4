package vn.dancu.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import vn.dancu.eid.CitizenAccounts;
import vn.dancu.eid.RelyingParties;
import vn.dancu.exchange.DataConsents;
import vn.dancu.exchange.Members;
import vn.dancu.identity.PublishedStaffAccounts;
import vn.dancu.identity.Staff;
import vn.dancu.identity.StaffAccounts;
import vn.dancu.identity.StaffRole;
import vn.dancu.registry.BirthRegistration;
import vn.dancu.registry.CardIssue;
import vn.dancu.registry.DeathRecord;
import vn.dancu.registry.HouseholdCreation;
import vn.dancu.registry.HouseholdMembership;
import vn.dancu.registry.MarriageRecord;
import vn.dancu.registry.PersonImport;
import vn.dancu.registry.Registry;
import vn.dancu.registry.ResidenceRegistration;
import vn.dancu.synthetic.SyntheticPopulation;

/**
 * Demo mode ({@code DANCU_DEMO=true}): the published demo staff accounts and a few families in
 * Hà Nội and TP Hồ Chí Minh, written through the registry's public API so that their history,
 * numbers and residences follow the same rules as real data. Runs once per database.
 */
@Component
@ConditionalOnProperty(name = "dancu.demo", havingValue = "true")
class DemoData implements ApplicationRunner, PublishedStaffAccounts {

    static final String PASSWORD = "dancu-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final StaffAccounts staff;
    private final Registry registry;
    private final PersonImport imports;
    private final int generatedPersons;
    private final CitizenAccounts citizens;
    private final RelyingParties relyingParties;
    private final org.springframework.core.env.Environment env;

    private final Members members;
    private final DataConsents consents;

    DemoData(StaffAccounts staff, Registry registry, PersonImport imports, CitizenAccounts citizens,
             RelyingParties relyingParties, Members members, DataConsents consents, org.springframework.core.env.Environment env,
             @Value("${dancu.demo-persons}") int generatedPersons) {
        this.members = members;
        this.consents = consents;
        this.staff = staff;
        this.registry = registry;
        this.imports = imports;
        this.citizens = citizens;
        this.relyingParties = relyingParties;
        this.env = env;
        this.generatedPersons = generatedPersons;
    }

    /** An, Bình and Long, once their births are registered. */
    private final List<String> accountHolders = new java.util.ArrayList<>();

    /** The published TOTP key of the demo level-2 account that uses an authenticator app. */
    static final String DEMO_TOTP_KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /** The published demo staff accounts, the administrator first; all share {@link #PASSWORD}. */
    private static final List<StaffAccounts.NewAccount> STAFF = List.of(
            account("admin", "Quản trị hệ thống (demo)", StaffRole.ADMIN, null),
            account("officer.hanoi", "Cán bộ Công an TP Hà Nội (demo)", StaffRole.PROVINCE_OFFICER, "01"),
            account("officer.hcm", "Cán bộ Công an TP Hồ Chí Minh (demo)", StaffRole.PROVINCE_OFFICER, "79"),
            account("auditor", "Thanh tra (demo)", StaffRole.AUDITOR, null),
            account("officer.central", "Cán bộ Trung tâm dữ liệu quốc gia (demo)", StaffRole.CENTRAL_OFFICER, null),
            // The officers who act on applications in the demo families' communes (Ba Đình, Cầu Giấy) and in Hà Nội.
            account("tuphap.badinh", "Công chức Tư pháp - hộ tịch phường Ba Đình (demo)", StaffRole.JUSTICE_OFFICER, "00004"),
            account("congan.badinh", "Cán bộ Công an phường Ba Đình (demo)", StaffRole.COMMUNE_OFFICER, "00004"),
            account("laodong.badinh", "Công chức Văn hóa - xã hội phường Ba Đình (demo)", StaffRole.LABOUR_OFFICER, "00004"),
            account("tuphap.caugiay", "Công chức Tư pháp - hộ tịch phường Cầu Giấy (demo)", StaffRole.JUSTICE_OFFICER, "00166"),
            account("congan.caugiay", "Cán bộ Công an phường Cầu Giấy (demo)", StaffRole.COMMUNE_OFFICER, "00166"),
            account("laodong.caugiay", "Công chức Văn hóa - xã hội phường Cầu Giấy (demo)", StaffRole.LABOUR_OFFICER, "00166"),
            account("bhxh.hanoi", "Cán bộ Bảo hiểm xã hội TP Hà Nội (demo)", StaffRole.SOCIAL_INSURANCE_OFFICER, "01"),
            // The other ministries and companies of procedures 18-25, each at the level it works at: the city's
            // department of justice (criminal record certificates), employment service centre, tax office, land
            // registration office, department of education and power company.
            account("tuphap.hanoi", "Cán bộ Sở Tư pháp TP Hà Nội (demo)", StaffRole.JUSTICE_OFFICER, "01"),
            account("vieclam.hanoi", "Cán bộ Trung tâm Dịch vụ việc làm Hà Nội (demo)", StaffRole.LABOUR_OFFICER, "01"),
            account("thue.hanoi", "Công chức Thuế TP Hà Nội (demo)", StaffRole.TAX_OFFICER, "01"),
            account("datdai.hanoi", "Viên chức Văn phòng đăng ký đất đai Hà Nội (demo)", StaffRole.LAND_OFFICER, "01"),
            account("giaoduc.hanoi", "Cán bộ Sở Giáo dục và Đào tạo Hà Nội (demo)", StaffRole.EDUCATION_OFFICER, "01"),
            account("dienluc.hanoi", "Nhân viên Tổng công ty Điện lực TP Hà Nội (demo)", StaffRole.ELECTRICITY_OFFICER, "01"),
            // A leader reads the IOC's aggregated figures of Hà Nội, never a person (docs/ioc.md).
            account("leader.hanoi", "Lãnh đạo UBND TP Hà Nội (demo)", StaffRole.LEADER, "01"));

    @Override
    public List<Account> accounts() {
        return STAFF.stream().map(a -> new Account(a.username(), a.role(), a.jurisdictionUnitCode())).toList();
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean firstStart = staff.createDemoAccount(STAFF.getFirst()) != null;
        registerDemoPortal();
        registerDemoMembers();
        STAFF.stream().skip(1).forEach(staff::createDemoAccount);
        if (firstStart) {
            runAs(new Staff(0, "system.demo", "Dữ liệu trình diễn", StaffRole.CENTRAL_OFFICER, null), this::seedFamilies);
            seedPopulation();
            seedEid();
            seedConsents();
            log.info("Demo data seeded: staff accounts, demo families and {} generated persons (demo staff password: {})",
                    generatedPersons, PASSWORD);
        }
    }

    /**
     * Demo citizens' e-ID accounts: An (level 2, codes by SMS to the outbox), Bình (level 1,
     * password only) and Long (level 2 with an authenticator app whose key is published). Châu has
     * no account, so that registration can be tried with her card.
     */
    private void seedEid() {
        citizens.createDemoAccount(accountHolders.get(0), 2, "0912345678", PASSWORD, null);
        citizens.createDemoAccount(accountHolders.get(1), 1, "0987654321", PASSWORD, null);
        citizens.createDemoAccount(accountHolders.get(2), 2, "0903123456", PASSWORD, DEMO_TOTP_KEY);
        citizens.createDemoAccount(accountHolders.get(3), 2, "0934567890", PASSWORD, null);
    }

    /**
     * The data-exchange members of the README, each with an API client named like it whose secret
     * is the demo password: a ministry (no consent needed), social insurance (owns health
     * insurance cards) and a bank (a business: it reads only what citizens consented to).
     */
    private void registerDemoMembers() {
        members.ensureDemoMember(new Members.MemberForm("demo-ministry", "Bộ Tư pháp (demo)", "AGENCY", "MINISTRY", "ACTIVE", List.of()),
                new Members.PolicyForm(List.of("verification", "identity-basic", "residence", "household", "civil-status", "cards",
                        "documents", "card-check"), List.of("ADMINISTRATIVE_PROCEDURE", "CIVIL_STATUS", "RESIDENCE_MANAGEMENT"),
                        "Nghị định 104/2022/NĐ-CP; Quyết định 06/QĐ-TTg", false, 1_000_000, "CASE_AND_SPACING"), PASSWORD);
        members.ensureDemoMember(new Members.MemberForm("demo-vss", "Bảo hiểm xã hội Việt Nam (demo)", "AGENCY", "SOCIAL_INSURANCE",
                        "ACTIVE", List.of("HEALTH_INSURANCE_CARD", "SOCIAL_INSURANCE_BOOK")),
                new Members.PolicyForm(List.of("verification", "identity-basic", "residence", "household", "civil-status", "documents"),
                        List.of("SOCIAL_INSURANCE"), "Luật Bảo hiểm xã hội 2024; Luật Bảo hiểm y tế", false, 1_000_000, "DIACRITICS"),
                PASSWORD);
        members.ensureDemoMember(new Members.MemberForm("demo-bank", "Ngân hàng Thương mại (demo)", "BUSINESS", "BANK", "ACTIVE", List.of()),
                new Members.PolicyForm(List.of("verification", "identity-basic", "residence", "cards", "card-check"), List.of("BANKING_KYC"),
                        "Luật Các tổ chức tín dụng 2024; Thông tư 17/2024/TT-NHNN (nhận biết khách hàng)", true, 10_000, "CASE_AND_SPACING"),
                PASSWORD);
        // the open statistics (docs/api/statistics-v1.md): exact tables with small cells withheld, and noisy ones for research
        members.ensureDemoMember(new Members.MemberForm("demo-statistics", "Cục Thống kê, Bộ Tài chính (demo)", "AGENCY", "MINISTRY",
                        "ACTIVE", List.of()),
                new Members.PolicyForm(List.of("statistics"), List.of("OFFICIAL_STATISTICS", "DIRECTION", "RESEARCH"),
                        "Luật Thống kê 2015 (sửa đổi 2021); Quyết định 06/QĐ-TTg, Phụ lục II, VI.6c", false, 10_000, "CASE_AND_SPACING"),
                PASSWORD);
    }

    /** An has consented that the demo bank verifies him and reads his basic identity, so the README's bank calls answer. */
    private void seedConsents() {
        consents.grant(accountHolders.get(0), "demo-bank", List.of("verification", "identity-basic", "card-check"), "BANKING_KYC", 365, "WEB");
    }

    /** The demo portal, registered with redirect URIs for the port this start listens on. */
    private void registerDemoPortal() {
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        List<String> redirects = List.of("http://localhost:" + port + DemoPortal.BASE + "/login/oauth2/code/dancu",
                "http://127.0.0.1:" + port + DemoPortal.BASE + "/login/oauth2/code/dancu");
        List<String> logouts = List.of("http://localhost:" + port + DemoPortal.BASE, "http://127.0.0.1:" + port + DemoPortal.BASE);
        relyingParties.ensureDemoClient(new RelyingParties.Registration(DemoPortal.CLIENT_ID, "Cổng Dịch vụ công quốc gia (demo)",
                "RELYING_PARTY", true, List.of("client_secret_basic"), null, redirects, logouts,
                List.of("openid", "profile", "address", "phone", "personal_id", "household"),
                List.of("name", "family_name", "given_name", "birthdate", "gender", "address", "phone_number",
                        "personal_id_number", "household"),
                List.of("urn:dancu:loa:1", "urn:dancu:loa:2"),
                "Xác thực người dùng và điền sẵn thông tin khi nộp hồ sơ thủ tục hành chính trực tuyến", "gov.dichvucong", "ACTIVE"),
                PASSWORD);
        relyingParties.ensureDemoClient(new RelyingParties.Registration("demo-api", "Ứng dụng gọi API (demo)", "API_CLIENT", true,
                List.of("client_secret_basic"), null, List.of(), List.of(), List.of("exchange.verify"), List.of(), List.of(),
                "Ứng dụng trình diễn dùng client_credentials", "demo-api", "ACTIVE"), PASSWORD);
    }

    /** A synthetic population, through the same bulk import that real files use. */
    private void seedPopulation() {
        if (generatedPersons <= 0) {
            return;
        }
        try {
            Path file = Files.createTempFile("dancu-demo-", ".csv");
            try {
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    new SyntheticPopulation(2026, SyntheticPopulation.DEFAULT_REFERENCE).write(generatedPersons, out);
                }
                PersonImport.JobStatus job = imports.importNow(file, "demo-population.csv", "system.demo");
                log.info("Demo population: {} accepted, {} rejected", job.accepted(), job.rejected());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StaffAccounts.NewAccount account(String username, String name, StaffRole role, String unit) {
        return new StaffAccounts.NewAccount(username, PASSWORD, name, role, unit);
    }

    private void seedFamilies() {
        // Hà Nội, Phường Ba Đình: three generations; the grandmother has died.
        String an = birth("Nguyễn Văn An", "MALE", "1975-03-14", "Bệnh viện Phụ sản Hà Nội", "00013", "1975-03-20", null, null);
        String binh = birth("Trần Thị Bình", "FEMALE", "1978-09-02", "Trạm y tế xã Ngọc Châu, Hải Dương", "10513", "1978-09-10", null, null);
        String hoa = birth("Lê Thị Hoa", "FEMALE", "1946-01-15", "Hà Nội", "00019", "1946-02-01", null, null);
        marriage(an, binh, "00013", "2005-05-20");
        String chau = birth("Nguyễn Minh Châu", "FEMALE", "2006-11-20", "Bệnh viện Phụ sản Trung ương", "00016", "2006-11-25", an, binh);
        String dung = birth("Nguyễn Đức Dũng", "MALE", "2012-04-05", "Bệnh viện Phụ sản Hà Nội", "00004", "2012-04-10", an, binh);
        for (String p : List.of(an, binh, hoa)) {
            residence(p, "PERMANENT", "00013", "Số 12 phố Phan Đình Phùng", "2000-01-01");
        }
        residence(chau, "PERMANENT", "00013", "Số 12 phố Phan Đình Phùng", "2006-12-01");
        residence(dung, "PERMANENT", "00013", "Số 12 phố Phan Đình Phùng", "2012-04-20");
        residence(an, "PERMANENT", "00004", "Số 12 phố Phan Đình Phùng", "2025-08-01");
        long household = registry.createHousehold(new HouseholdCreation(an, "00004", "Số 12 phố Phan Đình Phùng", null));
        member(household, binh, "SPOUSE");
        member(household, chau, "CHILD");
        member(household, dung, "CHILD");
        member(household, hoa, "PARENT");
        registry.linkLegacyId(an, "012345678", null);
        registry.linkLegacyId(binh, "142345679", null);
        registry.issueCard(an, new CardIssue("2021-05-10", "Cục Cảnh sát QLHC về TTXH", null));
        registry.issueCard(binh, new CardIssue("2021-06-15", "Cục Cảnh sát QLHC về TTXH", null));
        registry.issueCard(chau, new CardIssue("2024-12-01", "Cục Cảnh sát QLHC về TTXH", null));
        registry.recordDeath(hoa, new DeathRecord("2023-12-01", "Bệnh viện Bạch Mai, Hà Nội", "Giấy báo tử số 1234/GBT", null));

        // Hà Nội, Phường Cầu Giấy: a young family and a child born this autumn.
        String hung = birth("Phạm Quốc Hùng", "MALE", "1988-07-21", "Bệnh viện Xanh Pôn", "00022", "1988-07-25", null, null);
        String trang = birth("Đỗ Thu Trang", "FEMALE", "1990-02-11", "Bệnh viện Phụ sản Hà Nội", "00028", "1990-02-20", null, null);
        marriage(hung, trang, "00022", "2015-10-10");
        residence(hung, "PERMANENT", "00166", "Số 8 ngõ 68 Cầu Giấy", "2025-09-15");
        residence(trang, "PERMANENT", "00166", "Số 8 ngõ 68 Cầu Giấy", "2025-09-15");
        long household2 = registry.createHousehold(new HouseholdCreation(hung, "00166", "Số 8 ngõ 68 Cầu Giấy", null));
        member(household2, trang, "SPOUSE");
        String bao = registry.registerBirth(new BirthRegistration("Phạm Gia Bảo", "MALE", "2026-10-03",
                "Bệnh viện Phụ sản Hà Nội", "00166", "VN", "Kinh", null, hung, trang, String.valueOf(household2),
                "Hà Nội", null, null, null), LocalDate.parse("2026-10-08"));
        residence(bao, "PERMANENT", "00166", "Số 8 ngõ 68 Cầu Giấy", "2026-10-08");

        // TP Hồ Chí Minh, Phường Bàn Cờ; the husband was born in Hà Nội, so both cities' officers see him.
        String long_ = birth("Lê Hoàng Long", "MALE", "1982-12-30", "Bệnh viện Bạch Mai", "00040", "1983-01-05", null, null);
        String mai = birth("Huỳnh Thị Mai", "FEMALE", "1985-05-19", "Bệnh viện Từ Dũ", "26944", "1985-05-25", null, null);
        marriage(long_, mai, "27154", "2012-06-16");
        String phuc = birth("Lê Hoàng Phúc", "MALE", "2015-08-08", "Bệnh viện Từ Dũ", "26941", "2015-08-15", long_, mai);
        for (String p : List.of(long_, mai, phuc)) {
            residence(p, "PERMANENT", "27154", "Số 45 đường Nguyễn Thiện Thuật", "2025-07-15");
        }
        long household3 = registry.createHousehold(new HouseholdCreation(long_, "27154", "Số 45 đường Nguyễn Thiện Thuật", null));
        member(household3, mai, "SPOUSE");
        member(household3, phuc, "CHILD");
        residence(mai, "TEMPORARY_ABSENCE", "27154", "Công tác tại Đà Nẵng", "2026-11-01", "2027-01-31");

        // Xã Thạch Thất (Hà Nội): a Mường woman in the countryside.
        String thi = birth("Đinh Thị Thi", "FEMALE", "1995-10-10", "Trạm y tế xã Đại Đồng", "09958", "1995-10-20", null, null);
        residence(thi, "PERMANENT", "09955", "Thôn Đồng Cam", "2025-07-01");
        seedSectorDocuments(an, binh, dung, hoa, trang);
        seedWallets(an, long_, trang);
        accountHolders.addAll(List.of(an, binh, long_, trang));
    }

    /**
     * Documents of other agencies that procedures 17-25 start from: the Ba Đình family's health insurance cards (17),
     * An's tax registration (18) and his land use certificate, which still names him by his old ID card and old address
     * (19), the late Hoa's electricity contract at the family's house, which An takes over (25), and Trang's social
     * insurance book (23).
     */
    private void seedSectorDocuments(String an, String binh, String dung, String hoa, String trang) {
        // Châu's card comes from the exchange's members (ExchangeApiTest pushes one).
        for (String member : List.of(an, binh, dung)) {
            document(member, "HEALTH_INSURANCE_CARD", "GD401" + member.substring(2), "2026-01-01", "2026-12-31",
                    java.util.Map.of("beneficiary", "GD"), "BHXH Thành phố Hà Nội");
        }
        document(an, "TAX_CODE", an, "2025-07-01", null, java.util.Map.of("taxpayerType", "INDIVIDUAL"), "Thuế Thành phố Hà Nội");
        document(an, "LAND_USE_CERTIFICATE", "CĐ 123456", "2010-06-15", null, java.util.Map.of("parcel", "Thửa 102, tờ bản đồ 7",
                "address", "Số 12 phố Phan Đình Phùng", "unit", "00004", "holderName", "Nguyễn Văn An", "holderIdNumber", "012345678",
                "holderAddress", "Số 12 phố Phan Đình Phùng, phường Quán Thánh, quận Ba Đình, Hà Nội"), "Văn phòng đăng ký đất đai Hà Nội");
        document(hoa, "ELECTRICITY_CONTRACT", "PD0100012345", "2000-01-01", null, java.util.Map.of("address", "Số 12 phố Phan Đình Phùng",
                "unit", "00004", "usage", "DOMESTIC", "phases", "SINGLE_PHASE"), "Công ty Điện lực Thành phố Hà Nội");
        document(trang, "SOCIAL_INSURANCE_BOOK", "0190318773", "2012-08-01", null, java.util.Map.of(
                "lastEmployer", "Công ty Cổ phần Phần mềm Cầu Giấy", "unemploymentInsuranceMonths", "62",
                "averageSalaryLast6Months", "18000000"), "BHXH Thành phố Hà Nội");
    }

    /**
     * What the level-2 citizens' wallets hold besides the above (/eid/wallet, docs/wallet.md): a card in use for each (An
     * has his), health insurance cards where they have none yet, driving licences and vehicle registrations. The plates are
     * those of their traffic fines (procedures.traffic), Trang's licence has expired and her first card was replaced in
     * 2024, so that every state of an item can be seen.
     */
    private void seedWallets(String an, String long_, String trang) {
        String police = "Cục Cảnh sát QLHC về TTXH";
        registry.issueCard(long_, new CardIssue("2022-03-15", police, null));
        registry.issueCard(trang, new CardIssue("2016-04-12", police, null));
        registry.issueCard(trang, new CardIssue("2024-07-01", police, null));
        document(long_, "HEALTH_INSURANCE_CARD", "DN479" + long_.substring(2), "2026-01-01", "2026-12-31",
                java.util.Map.of("beneficiary", "DN"), "BHXH Thành phố Hồ Chí Minh");
        document(trang, "HEALTH_INSURANCE_CARD", "DN401" + trang.substring(2), "2026-01-01", "2026-12-31",
                java.util.Map.of("beneficiary", "DN"), "BHXH Thành phố Hà Nội");
        document(an, "DRIVING_LICENCE", "010075000123", "2019-03-20", null, java.util.Map.of("class", "A1"), police);
        document(long_, "DRIVING_LICENCE", "790082000456", "2021-04-01", "2031-04-01", java.util.Map.of("class", "B"), police);
        document(trang, "DRIVING_LICENCE", "010190000789", "2015-09-01", "2025-09-01", java.util.Map.of("class", "B2"), police);
        document(an, "VEHICLE_REGISTRATION", "29-B1 123.45", "2018-06-11", null, java.util.Map.of("brand", "Honda Wave Alpha",
                "engineNumber", "JA39E-1234567", "chassisNumber", "RLHJA3903JY123456", "colour", "Đỏ đen"), "Công an Thành phố Hà Nội");
        document(long_, "VEHICLE_REGISTRATION", "51K-123.45", "2022-05-09", null, java.util.Map.of("brand", "Toyota Vios",
                "engineNumber", "2NR-4567890", "chassisNumber", "RL4B29F30N5012345", "colour", "Trắng"),
                "Công an Thành phố Hồ Chí Minh");
        document(trang, "VEHICLE_REGISTRATION", "29-E2 456.78", "2020-10-15", null, java.util.Map.of("brand", "Honda Vision",
                "engineNumber", "JF86E-7654321", "chassisNumber", "RLHJF8600LY765432", "colour", "Trắng"), "Công an Thành phố Hà Nội");
    }

    private void document(String personalId, String kind, String number, String from, String to, java.util.Map<String, String> details,
                          String source) {
        registry.recordDocument(personalId, new vn.dancu.registry.DocumentRecord(kind, number, from, to, details), source);
    }

    private String birth(String name, String gender, String dob, String place, String unit, String registeredOn,
                         String father, String mother) {
        String ethnicity = name.startsWith("Đinh") ? "Mường" : "Kinh";
        return registry.registerBirth(new BirthRegistration(name, gender, dob, place, unit, "VN", ethnicity,
                null, father, mother, null, null, null, null, null), LocalDate.parse(registeredOn));
    }

    /** Spouses in a household are married in the registry too, so that their marital status says so. */
    private void marriage(String husband, String wife, String unit, String date) {
        registry.registerMarriage(husband, new MarriageRecord(wife, unit, date, null));
    }

    private void residence(String personalId, String type, String unit, String address, String from) {
        residence(personalId, type, unit, address, from, null);
    }

    private void residence(String personalId, String type, String unit, String address, String from, String to) {
        registry.registerResidence(personalId, new ResidenceRegistration(type, unit, address, from, to, null));
    }

    private void member(long household, String personalId, String relationship) {
        registry.addHouseholdMember(household, new HouseholdMembership(personalId, relationship, null));
    }

    private static void runAs(Staff actor, Runnable work) {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(actor, null, List.of()));
        try {
            work.run();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }
}
