import streamlit as st
st.title("(page in progress)")
