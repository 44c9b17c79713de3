package com.proyi.dingtalk.dingtalk.simulator;

/** An OA notice's status bar (API.md §2.2, §2.7): its label and its colour ({@code 0xAARRGGBB}, may be null). */
public record StatusBar(String value, String bg) {
}
