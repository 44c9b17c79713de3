package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The simulator's push crypto against the known-answer vectors of API.md §6.5, so that it and the
 * module's own callback crypto (CallbackCryptoTest, same vectors) are each right on their own.
 */
class PushCryptoTest {

    private static final String OFFICIAL_ENCRYPT = "1a3NBxmCFwkCJvfoQ7WhJHB+iX3qHPsc9JbaDznE1i03peOk1LaOQoRz3+nlyGNhwmwJ3vDMG"
            + "+OzrHMeiZI7gTRWVdUBmfxjZ8Ej23JVYa9VrYeJ5as7XM/ZpulX8NEQis44w53h1qAgnC3PRzM7Zc/D6Ibr0rgUathB6zRHP8PYrfgnNOS9"
            + "PhSBdHlegK+AGGanfwjXuQ9+0pZcy0w9lQ==";

    private final PushCrypto official =
            new PushCrypto("123456", "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij", "suite4xxxxxxxxxxxxxxx");
    private final PushCrypto ownVector = new PushCrypto("tok123", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
            "dingexamplecorpid", () -> "0123456789abcdef");

    @Test
    void opensTheOfficialVector() {
        assertThat(official.open("5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0", "1445827045067", "nEXhMP4r", OFFICIAL_ENCRYPT))
                .isEqualTo("{\"EventType\":\"check_create_suite_url\",\"Random\":\"LPIdSnlF\",\"TestSuiteKey\":\"suite4xxxxxxxxxxxxxxx\"}");
    }

    @Test
    void sealsBothVerifiedVectorsToTheLetter() {
        PushCrypto.Sealed success = ownVector.seal("success", "1700000000123", "n0nce42");
        PushCrypto.Sealed checkUrl = ownVector.seal("{\"EventType\":\"check_url\"}", "1700000000123", "n0nce42");

        assertThat(success.encrypt())
                .isEqualTo("Q3stYC6hdFzMh9T8HCvyDOVqkB+rSNzcUvKpEE/mCfib1rQUIh8QGjQtotjHFPdR4KMcibccS0ojcZH4jBQwVw==");
        assertThat(success.signature()).isEqualTo("183308b80cc9dcd8386a2c8468d527978cafa6a8");
        assertThat(checkUrl.encrypt())
                .isEqualTo("Q3stYC6hdFzMh9T8HCvyDLV8JeomtQuxZLosYEI28mjzSD5UpK2hp0QUc4H6M/N5rro77MnW/DtRc6So3gJPEg==");
        assertThat(checkUrl.signature()).isEqualTo("bc6d7c8d594be00ebda54df7bf917793bbeceb38");
    }

    @Test
    void refusesAnotherSignatureOrAnotherOwner() {
        assertThat(official.open("5a65ceeef9aab2d149439f82dc191dd6c5cbe2c1", "1445827045067", "nEXhMP4r", OFFICIAL_ENCRYPT))
                .isNull();
        PushCrypto otherOwner = new PushCrypto("123456", "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij", "suite-other");
        assertThat(otherOwner.open("5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0", "1445827045067", "nEXhMP4r", OFFICIAL_ENCRYPT))
                .isNull();
    }
}
