package vn.dancu.registry;

import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import vn.dancu.platform.ApiProblem;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/** Reads the structure of a personal ID number without touching any person's data. */
@Component
public class PersonalIdDecoder {

    public record ProvinceRef(String code, String name) {
    }

    public record Decoded(boolean valid, String number, String provinceCode, ProvinceRef province, String gender,
                          int birthYear, int century) {
    }

    private final Units units;

    PersonalIdDecoder(Units units) {
        this.units = units;
    }

    public Decoded decode(String value) {
        if (!PersonalIdNumber.isWellFormed(value)) {
            throw ApiProblem.badRequest("INVALID_PERSONAL_ID", PersonalIdNumber.MALFORMED + ", no letters");
        }
        PersonalIdNumber number = new PersonalIdNumber(value);
        Set<AdministrativeUnit> provinces = units.provincesTodayByIssuingCode(number.issuingCode());
        if (provinces.isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "PERSONAL_ID_NOT_DECODABLE",
                    "No province issues numbers starting with " + number.issuingCode());
        }
        if (number.birthYear() > units.today().getYear()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "PERSONAL_ID_NOT_DECODABLE",
                    "The number encodes birth year " + number.birthYear() + ", which has not come yet");
        }
        List<ProvinceRef> today = provinces.stream().map(p -> new ProvinceRef(p.code(), p.name())).toList();
        return new Decoded(true, value, number.issuingCode(), today.getFirst(), number.gender().name(),
                number.birthYear(), number.century());
    }
}
