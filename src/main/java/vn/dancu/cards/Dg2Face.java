package vn.dancu.cards;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import net.sf.scuba.data.Gender;
import org.jmrtd.lds.icao.DG2File;
import org.jmrtd.lds.iso19794.FaceImageInfo;
import org.jmrtd.lds.iso19794.FaceInfo;

/** DG2: the face image of the card (ISO/IEC 19794-5 in a CBEFF wrapper), JPEG or JPEG 2000. */
record Dg2Face(byte[] image, String mimeType) {

    static Dg2Face read(byte[] dg2) {
        try {
            DG2File file = new DG2File(new ByteArrayInputStream(dg2));
            List<FaceImageInfo> images = file.getFaceInfos().stream().flatMap(f -> f.getFaceImageInfos().stream()).toList();
            if (images.isEmpty()) {
                throw new ChipMalformed(ChipCode.DG2_MALFORMED, 2, "DG2 holds no face image");
            }
            FaceImageInfo face = images.getFirst();
            byte[] image;
            try (InputStream in = face.getImageInputStream()) {
                image = in.readAllBytes();
            }
            return new Dg2Face(image, face.getMimeType());
        } catch (ChipMalformed e) {
            throw e;
        } catch (Exception e) {
            throw new ChipMalformed(ChipCode.DG2_MALFORMED, 2, "DG2 is not a readable face record (" + e.getClass().getSimpleName() + ")");
        }
    }

    static byte[] encode(byte[] jpeg) {
        try {
            FaceImageInfo info = new FaceImageInfo(Gender.UNSPECIFIED, FaceImageInfo.EyeColor.UNSPECIFIED, 0,
                    FaceImageInfo.HAIR_COLOR_UNSPECIFIED, FaceImageInfo.EXPRESSION_NEUTRAL, new int[3], new int[3],
                    FaceImageInfo.FACE_IMAGE_TYPE_FULL_FRONTAL, FaceImageInfo.IMAGE_COLOR_SPACE_RGB24,
                    FaceImageInfo.SOURCE_TYPE_STATIC_PHOTO_DIGITAL_CAM, 0, 0, new FaceImageInfo.FeaturePoint[0],
                    ChipPortrait.WIDTH, ChipPortrait.HEIGHT, new ByteArrayInputStream(jpeg), jpeg.length,
                    FaceImageInfo.IMAGE_DATA_TYPE_JPEG);
            return new DG2File(List.of(new FaceInfo(List.of(info)))).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode DG2", e);
        }
    }
}
