package com.proyi.dingtalk.dingtalk.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk's side of the HTTP-push crypto (API.md §6.2 to §6.4), written for the simulator from the
 * API reference alone: it shares no code with the module's callback crypto, so the known-answer
 * vectors check each against DingTalk's documented behaviour rather than one against itself.
 */
final class PushCrypto {

    private static final int BLOCK = 32;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What DingTalk puts on the wire for one message. */
    record Sealed(String encrypt, String signature) {}

    private final String token;
    private final byte[] aesKey;
    private final String ownerKey;
    private final Supplier<String> prefix;

    PushCrypto(String token, String encodingAesKey, String ownerKey) {
        this(token, encodingAesKey, ownerKey, () -> randomText(16));
    }

    PushCrypto(String token, String encodingAesKey, String ownerKey, Supplier<String> prefix) {
        this.token = token;
        this.aesKey = Base64.getDecoder().decode(encodingAesKey + "=");
        this.ownerKey = ownerKey;
        this.prefix = prefix;
    }

    Sealed seal(String message, String timestamp, String nonce) {
        byte[] text = message.getBytes(UTF_8);
        byte[] owner = ownerKey.getBytes(UTF_8);
        int unpadded = 16 + 4 + text.length + owner.length;
        int pad = BLOCK - unpadded % BLOCK;
        ByteBuffer plain = ByteBuffer.allocate(unpadded + pad);
        plain.put(prefix.get().getBytes(UTF_8), 0, 16).putInt(text.length).put(text).put(owner);
        while (plain.hasRemaining()) {
            plain.put((byte) pad);
        }
        String encrypt = Base64.getEncoder().encodeToString(aes(Cipher.ENCRYPT_MODE, plain.array()));
        return new Sealed(encrypt, signature(timestamp, nonce, encrypt));
    }

    /** @return the message, or null when the signature, the padding or the owner key is not right */
    String open(String signature, String timestamp, String nonce, String encrypt) {
        if (signature == null || !signature.equals(signature(timestamp, nonce, encrypt))) {
            return null;
        }
        byte[] plain = aes(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(encrypt));
        int pad = plain[plain.length - 1];
        if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(plain, 16, plain.length - 16 - pad);
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            return null;
        }
        byte[] text = new byte[length];
        buffer.get(text);
        byte[] owner = new byte[buffer.remaining()];
        buffer.get(owner);
        return Arrays.equals(owner, ownerKey.getBytes(UTF_8)) ? new String(text, UTF_8) : null;
    }

    String signature(String timestamp, String nonce, String encrypt) {
        String[] parts = {token, timestamp, nonce, encrypt};
        Arrays.sort(parts);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", parts).getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return text.toString();
    }

    private byte[] aes(int mode, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(aesKey, 0, 16));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("AES failed: " + e.getMessage(), e);
        }
    }
}
