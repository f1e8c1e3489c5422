package io.tailor.contracts.event;

/** Campaign parameters of the landing URL (utm_source, utm_medium, ...). */
public record Utm(String source, String medium, String campaign, String content, String term) {

    public static final Utm NONE = new Utm(null, null, null, null, null);

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return source == null && medium == null && campaign == null && content == null && term == null;
    }
}
