-- Card checks (issue 15, vn.dancu.cards): the exchange product under which a member checks an
-- identity card's QR code against the registry (POST /api/v1/exchange/cards/qr-checks). Priced as
-- the verification it is (Circular 48/2022/TT-BTC): per field answered, VND 1,000 since 2024.
insert into exchange.product (code, version, name_vi, name_en, fields, fee_per_field, valid_from, valid_to) values
    ('card-check', 1, 'Kiểm tra thẻ căn cước (mã QR, chip)', 'Identity card check (QR code, chip)',
     array['personalId', 'legacyId', 'fullName', 'dateOfBirth', 'gender', 'permanentAddress', 'issueDate', 'alive', 'cardStatus'],
     1000, date '2024-01-01', null);
