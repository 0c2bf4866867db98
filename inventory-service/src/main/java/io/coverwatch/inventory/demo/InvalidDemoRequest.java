package io.coverwatch.inventory.demo;

/** A scenario or action body that names no usable resource or lacks a field; the API answers 400. */
public class InvalidDemoRequest extends RuntimeException {

    public InvalidDemoRequest(String message) {
        super(message);
    }
}
