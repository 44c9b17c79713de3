package com.proyi.dingtalk.dingtalk.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk's HTTP-push callback crypto (API.md §6.2–6.4): SHA-1 signature over the sorted
 * {@code [token, timestamp, nonce, encrypt]}, AES-256-CBC with IV = first 16 key bytes, a 16-byte
 * random prefix, a big-endian length, the owner key (the AppKey for console subscriptions) and
 * PKCS#7-style padding to 32-byte blocks. Holds secrets: never log an instance's fields.
 */
public final class CallbackCrypto {

    private static final Pattern AES_KEY = Pattern.compile("[A-Za-z0-9]{43}");
    private static final int RANDOM_PREFIX = 16;
    private static final int LENGTH_FIELD = 4;
    private static final int PAD_BLOCK = 32;
    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private final byte[] ownerKey;
    private final Supplier<String> randomPrefix;

    /**
     * @param encodingAesKey the 43-character EncodingAESKey from the DingTalk console
     * @param ownerKey       AppKey (console subscription), corpId (register_call_back) or suiteKey
     */
    public CallbackCrypto(String token, String encodingAesKey, String ownerKey) {
        this(token, encodingAesKey, ownerKey, CallbackCrypto::randomAlphanumeric);
    }

    /** With a fixed random prefix, for known-answer tests. */
    CallbackCrypto(String token, String encodingAesKey, String ownerKey, Supplier<String> randomPrefix) {
        if (encodingAesKey == null || !AES_KEY.matcher(encodingAesKey).matches()) {
            throw new CallbackCryptoException(CallbackCryptoException.BAD_AES_KEY,
                    "the EncodingAESKey must be 43 letters or digits");
        }
        byte[] aesKey = Base64.getDecoder().decode(encodingAesKey + "=");
        this.token = token;
        this.key = new SecretKeySpec(aesKey, "AES");
        this.iv = new IvParameterSpec(Arrays.copyOf(aesKey, 16));
        this.ownerKey = ownerKey.getBytes(UTF_8);
        this.randomPrefix = randomPrefix;
    }

    /** Lower-case hex SHA-1 of the four values sorted as strings and concatenated. */
    public String signature(String timestamp, String nonce, String encrypt) {
        String[] values = {token, timestamp, nonce, encrypt};
        Arrays.sort(values);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(String.join("", values).getBytes(UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /** Checks the signature (in constant time), decrypts and checks the owner key; returns the message text. */
    public String decrypt(String signature, String timestamp, String nonce, String encrypt) {
        String expected = signature(timestamp, nonce, encrypt);
        if (signature == null || !MessageDigest.isEqual(expected.getBytes(UTF_8), signature.getBytes(UTF_8))) {
            throw new CallbackCryptoException(CallbackCryptoException.SIGNATURE_MISMATCH, "signature does not match");
        }
        byte[] plain = unpad(aes(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(encrypt)));
        if (plain.length < RANDOM_PREFIX + LENGTH_FIELD) {
            throw new CallbackCryptoException(CallbackCryptoException.LENGTH_MISMATCH, "message too short");
        }
        int length = ByteBuffer.wrap(plain, RANDOM_PREFIX, LENGTH_FIELD).getInt();
        int messageEnd = RANDOM_PREFIX + LENGTH_FIELD + length;
        if (length < 0 || messageEnd > plain.length) {
            throw new CallbackCryptoException(CallbackCryptoException.LENGTH_MISMATCH, "length field out of range");
        }
        byte[] owner = Arrays.copyOfRange(plain, messageEnd, plain.length);
        if (!MessageDigest.isEqual(owner, ownerKey)) {
            throw new CallbackCryptoException(CallbackCryptoException.OWNER_KEY_MISMATCH,
                    "message was encrypted for another app or organisation");
        }
        return new String(plain, RANDOM_PREFIX + LENGTH_FIELD, length, UTF_8);
    }

    /** Encrypts a message (e.g. the reply {@code success}) and signs it. */
    public EncryptedMessage encrypt(String message, String timeStamp, String nonce) {
        byte[] text = message.getBytes(UTF_8);
        byte[] prefix = randomPrefix.get().getBytes(UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(prefix.length + LENGTH_FIELD + text.length + ownerKey.length);
        plain.put(prefix).putInt(text.length).put(text).put(ownerKey);
        String encrypt = Base64.getEncoder().encodeToString(aes(Cipher.ENCRYPT_MODE, pad(plain.array())));
        return new EncryptedMessage(signature(timeStamp, nonce, encrypt), timeStamp, nonce, encrypt);
    }

    /** 16 random letters and digits, as DingTalk's own libraries use for prefixes and nonces. */
    public static String randomAlphanumeric() {
        char[] chars = new char[RANDOM_PREFIX];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
        }
        return new String(chars);
    }

    private byte[] aes(int mode, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, key, iv);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            int code = mode == Cipher.ENCRYPT_MODE ? CallbackCryptoException.ENCRYPT_FAILED
                    : CallbackCryptoException.DECRYPT_FAILED;
            throw new CallbackCryptoException(code, "AES failed: " + e.getMessage(), e);
        }
    }

    private static byte[] pad(byte[] plain) {
        int padding = PAD_BLOCK - plain.length % PAD_BLOCK;
        byte[] padded = Arrays.copyOf(plain, plain.length + padding);
        Arrays.fill(padded, plain.length, padded.length, (byte) padding);
        return padded;
    }

    private static byte[] unpad(byte[] padded) {
        int padding = padded.length == 0 ? 0 : padded[padded.length - 1];
        if (padding < 1 || padding > PAD_BLOCK || padding > padded.length) {
            throw new CallbackCryptoException(CallbackCryptoException.DECRYPT_FAILED, "bad padding");
        }
        return Arrays.copyOf(padded, padded.length - padding);
    }
}
