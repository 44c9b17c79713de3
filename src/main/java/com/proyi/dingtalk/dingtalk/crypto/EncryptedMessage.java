package com.proyi.dingtalk.dingtalk.crypto;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An encrypted callback message as DingTalk expects it in a reply (API.md §6.4); note the
 * camel-case {@code timeStamp}.
 */
public record EncryptedMessage(
        @JsonProperty("msg_signature") String msgSignature,
        @JsonProperty("timeStamp") String timeStamp,
        @JsonProperty("nonce") String nonce,
        @JsonProperty("encrypt") String encrypt) {
}
