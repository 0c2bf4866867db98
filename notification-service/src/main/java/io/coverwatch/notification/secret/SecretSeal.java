package io.coverwatch.notification.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for storage with AES-256-GCM. A sealed text names the key it was sealed with
 * ({@code sealed:v1:<key id>:<base64url of nonce, ciphertext and tag>}), so a key ring opens what older keys sealed
 * while new secrets take the current key: rotation is adding a key, making it current, and re-sealing. Each secret is
 * bound to where it is stored (the associated data, such as {@code channel/<id>/url}), so a sealed text copied to
 * another row or column does not open.
 */
public final class SecretSeal {

    private static final String PREFIX = "sealed:v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;

    /**
     * @param currentKeyId the key new secrets are sealed with
     * @param keys         every key that may have sealed a stored secret, by ID, each 32 bytes in base64
     * @throws IllegalArgumentException for a current key that is not in the ring, a key ID with a colon, or a key that
     *                                  is not 32 bytes of base64 (the message names the key ID, never the key)
     */
    public SecretSeal(String currentKeyId, Map<String, String> keys) {
        Map<String, SecretKey> ring = new TreeMap<>();
        keys.forEach((id, encoded) -> ring.put(id, key(id, encoded)));
        if (!ring.containsKey(currentKeyId)) {
            throw new IllegalArgumentException(
                    "The current sealing key '" + currentKeyId + "' is not among the keys " + ring.keySet());
        }
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(ring);
    }

    /**
     * The ring of a configuration: the current key and the retired ones, each written {@code <key id>:<base64 key>}.
     *
     * @throws IllegalArgumentException for a key without its ID, or one the constructor refuses
     */
    public static SecretSeal of(String currentKey, List<String> retiredKeys) {
        Map<String, String> ring = new TreeMap<>();
        for (String key : retiredKeys) {
            ring.put(keyId(key), key.substring(key.indexOf(':') + 1));
        }
        ring.put(keyId(currentKey), currentKey.substring(currentKey.indexOf(':') + 1));
        return new SecretSeal(keyId(currentKey), ring);
    }

    private static String keyId(String key) {
        int colon = key.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("A sealing key is written <key id>:<base64 key>, such as 2025-11:...");
        }
        return key.substring(0, colon).trim();
    }

    /** Seals a secret for the place it is stored at. */
    public String seal(String secret, String storedAt) {
        Objects.requireNonNull(secret, "secret");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, currentKeyId, nonce, storedAt)
                .apply(secret.getBytes(StandardCharsets.UTF_8));
        ByteBuffer out =
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
        return PREFIX + currentKeyId + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    }

    /**
     * Opens a sealed text stored at the given place.
     *
     * @throws IllegalArgumentException when it is not sealed, its key is not in the ring, or it does not open (another
     *                                  place, another key, altered); the message never contains the text
     */
    public String open(String sealed, String storedAt) {
        if (!isSealed(sealed)) {
            throw new IllegalArgumentException("Not a sealed secret (stored at " + storedAt + ")");
        }
        String rest = sealed.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String keyId = rest.substring(0, Math.max(colon, 0));
        if (colon < 0 || !keys.containsKey(keyId)) {
            throw new IllegalArgumentException("The secret stored at " + storedAt + " was sealed with key '" + keyId
                    + "', which is not configured");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(rest.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The secret stored at " + storedAt + " is damaged");
        }
        if (bytes.length < NONCE_BYTES) {
            throw new IllegalArgumentException("The secret stored at " + storedAt + " is damaged");
        }
        byte[] nonce = Arrays.copyOf(bytes, NONCE_BYTES);
        byte[] ciphertext = Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
        return new String(
                cipher(Cipher.DECRYPT_MODE, keyId, nonce, storedAt).apply(ciphertext), StandardCharsets.UTF_8);
    }

    /** Whether a stored text is sealed at all (rows from before sealing hold the secret itself). */
    public static boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /** Whether a stored text should be sealed again: it is not sealed, or not with the current key. */
    public boolean needsResealing(String text) {
        return !(isSealed(text) && text.startsWith(PREFIX + currentKeyId + ":"));
    }

    private interface Transformation {
        byte[] apply(byte[] input);
    }

    private Transformation cipher(int mode, String keyId, byte[] nonce, String storedAt) {
        return input -> {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(mode, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(storedAt.getBytes(StandardCharsets.UTF_8));
                return cipher.doFinal(input);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(
                        "The secret stored at " + storedAt + " does not open with key '" + keyId + "'");
            }
        };
    }

    private static SecretKey key(String id, String encoded) {
        if (id.isBlank() || id.contains(":")) {
            throw new IllegalArgumentException("A sealing key ID must be a non-blank name without ':': '" + id + "'");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Sealing key '" + id + "' is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("Sealing key '" + id + "' must be " + KEY_BYTES
                    + " bytes (openssl rand -base64 32), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
