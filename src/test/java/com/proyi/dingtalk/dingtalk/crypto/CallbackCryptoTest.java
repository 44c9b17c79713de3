package com.proyi.dingtalk.dingtalk.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The known-answer vectors of API.md §6.5, and what must be refused. */
class CallbackCryptoTest {

    private static final String OFFICIAL_ENCRYPT = "1a3NBxmCFwkCJvfoQ7WhJHB+iX3qHPsc9JbaDznE1i03peOk1LaOQoRz3+nlyGNhwmwJ3vDMG"
            + "+OzrHMeiZI7gTRWVdUBmfxjZ8Ej23JVYa9VrYeJ5as7XM/ZpulX8NEQis44w53h1qAgnC3PRzM7Zc/D6Ibr0rgUathB6zRHP8PYrfgnNOS9"
            + "PhSBdHlegK+AGGanfwjXuQ9+0pZcy0w9lQ==";
    private static final CallbackCrypto OFFICIAL =
            new CallbackCrypto("123456", "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij", "suite4xxxxxxxxxxxxxxx");

    private static final CallbackCrypto OWN_VECTOR = new CallbackCrypto("tok123",
            "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "dingexamplecorpid", () -> "0123456789abcdef");

    @Test
    void officialVectorVerifiesAndDecrypts() {
        String msg = OFFICIAL.decrypt("5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0", "1445827045067", "nEXhMP4r",
                OFFICIAL_ENCRYPT);

        assertThat(msg).isEqualTo(
                "{\"EventType\":\"check_create_suite_url\",\"Random\":\"LPIdSnlF\",\"TestSuiteKey\":\"suite4xxxxxxxxxxxxxxx\"}");
    }

    @Test
    void encryptedSuccessMatchesTheVerifiedVector() {
        EncryptedMessage reply = OWN_VECTOR.encrypt("success", "1700000000123", "n0nce42");

        assertThat(reply.encrypt())
                .isEqualTo("Q3stYC6hdFzMh9T8HCvyDOVqkB+rSNzcUvKpEE/mCfib1rQUIh8QGjQtotjHFPdR4KMcibccS0ojcZH4jBQwVw==");
        assertThat(reply.msgSignature()).isEqualTo("183308b80cc9dcd8386a2c8468d527978cafa6a8");
        assertThat(reply.timeStamp()).isEqualTo("1700000000123");
    }

    @Test
    void encryptedCheckUrlMatchesTheVerifiedVectorAndDecryptsBack() {
        EncryptedMessage event = OWN_VECTOR.encrypt("{\"EventType\":\"check_url\"}", "1700000000123", "n0nce42");

        assertThat(event.encrypt())
                .isEqualTo("Q3stYC6hdFzMh9T8HCvyDLV8JeomtQuxZLosYEI28mjzSD5UpK2hp0QUc4H6M/N5rro77MnW/DtRc6So3gJPEg==");
        assertThat(event.msgSignature()).isEqualTo("bc6d7c8d594be00ebda54df7bf917793bbeceb38");
        assertThat(OWN_VECTOR.decrypt(event.msgSignature(), "1700000000123", "n0nce42", event.encrypt()))
                .isEqualTo("{\"EventType\":\"check_url\"}");
    }

    @Test
    void aChangedSignatureTimestampOrBodyIsRefused() {
        assertThatThrownBy(() -> OFFICIAL.decrypt("5a65ceeef9aab2d149439f82dc191dd6c5cbe2c1", "1445827045067",
                "nEXhMP4r", OFFICIAL_ENCRYPT)).hasMessageStartingWith("900005");
        assertThatThrownBy(() -> OFFICIAL.decrypt("5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0", "1445827045068",
                "nEXhMP4r", OFFICIAL_ENCRYPT)).hasMessageStartingWith("900005");
    }

    @Test
    void aMessageForAnotherAppIsRefused() {
        CallbackCrypto otherOwner = new CallbackCrypto("123456", "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij",
                "another-app-key");

        assertThatThrownBy(() -> otherOwner.decrypt("5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0", "1445827045067",
                "nEXhMP4r", OFFICIAL_ENCRYPT))
                .isInstanceOfSatisfying(CallbackCryptoException.class,
                        e -> assertThat(e.code()).isEqualTo(CallbackCryptoException.OWNER_KEY_MISMATCH));
    }

    @Test
    void anEncodingAesKeyThatIsNot43CharactersIsRefused() {
        assertThatThrownBy(() -> new CallbackCrypto("t", "tooshort", "k"))
                .isInstanceOfSatisfying(CallbackCryptoException.class,
                        e -> assertThat(e.code()).isEqualTo(CallbackCryptoException.BAD_AES_KEY));
    }
}
